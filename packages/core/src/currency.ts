import * as v from "valibot";

/**
 * The active ISO 4217 currency codes (list one, as published by the ISO 4217
 * maintenance agency), without the funds codes, precious metals and testing
 * codes (X..), which no contract is priced in.
 */
export const ISO_4217 = [
  "AED", "AFN", "ALL", "AMD", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BHD", "BIF", "BMD", "BND", "BOB",
  "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHF", "CLP", "CNY", "COP", "CRC", "CUP", "CVE", "CZK", "DJF",
  "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS", "GIP", "GMD", "GNF", "GTQ", "GYD",
  "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IQD", "IRR", "ISK", "JMD", "JOD", "JPY", "KES", "KGS", "KHR", "KMF",
  "KPW", "KRW", "KWD", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL", "LYD", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT",
  "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN",
  "PGK", "PHP", "PKR", "PLN", "PYG", "QAR", "RON", "RSD", "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP",
  "SLE", "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB", "TJS", "TMT", "TND", "TOP", "TRY", "TTD", "TWD", "TZS",
  "UAH", "UGX", "USD", "UYU", "UZS", "VES", "VND", "VUV", "WST", "XAF", "XCD", "XCG", "XOF", "XPF", "YER", "ZAR", "ZMW", "ZWG",
] as const;
export type Currency = (typeof ISO_4217)[number];

const KNOWN: ReadonlySet<string> = new Set(ISO_4217);
export const isCurrency = (code: string): code is Currency => KNOWN.has(code);

/** A currency a contract may be priced in: an active ISO 4217 code. */
export const CurrencyCode = v.pipe(
  v.string(),
  v.regex(/^[A-Z]{3}$/, "Expected an ISO 4217 code such as EUR"),
  v.check(isCurrency, "Not an active ISO 4217 currency code"),
  v.description("An active ISO 4217 currency code (funds, metals and X-test codes excluded); default USD"),
);
