import { Document, Page, StyleSheet, Text, View } from "@react-pdf/renderer";
import type { LetterProps } from "@testex/core/termination/letter";
import { terminationTerms } from "../terms";
import { wording } from "../wording";

const w = wording();

/** The termination letter: parties, the contract, the reason in words, the date and its basis, who decided. */
export function TerminationLetter(p: LetterProps & { fonts?: string[] }) {
  // Dated by the letter, not the clock: the same letter renders to the same bytes, so a retried store finds it unchanged.
  const written = new Date(`${p.letter_date}T00:00:00Z`);
  const rows = [
    ...terminationTerms(w, { ...p, client_message: undefined }),
    [w.terms.requestedBy, p.requested_by],
    [w.terms.approvedBy, p.approved_by.length ? p.approved_by.join(", ") : undefined],
  ].filter((row): row is [string, string] => row[1] !== undefined && row[1] !== "");
  return (
    <Document
      title={`${w.letter.title}: ${p.contract_title} (${p.contract_id})`}
      author={p.issuer.legal_entity}
      subject={w.letter.title}
      language="en"
      creationDate={written}
      modificationDate={written}
    >
      <Page size="A4" style={[styles.page, { fontFamily: p.fonts ?? "Helvetica" }]}>
        <View style={styles.letterhead}>
          <Text style={styles.entity}>{p.issuer.legal_entity}</Text>
          <Text style={styles.small}>{p.issuer.address.join(" · ")}</Text>
          {p.issuer.registration ? <Text style={styles.small}>{p.issuer.registration}</Text> : null}
        </View>
        <View style={styles.parties}>
          <View>
            <Text style={styles.label}>{w.terms.to}</Text>
            <Text>{p.client.name}</Text>
            {p.client.address ? <Text>{p.client.address}</Text> : null}
            {p.client.email ? <Text>{p.client.email}</Text> : null}
          </View>
        </View>
        <Text style={styles.date}>{w.date(p.letter_date)}</Text>
        <Text style={styles.reference}>{w.letter.reference(p.termination_id)}</Text>
        <Text style={styles.heading}>{w.letter.subject(p.contract_title, p.contract_id)}</Text>
        <Text style={styles.paragraph}>{w.greeting(p.client.name)}</Text>
        <Text style={styles.paragraph}>{w.letter.body(p.contract_title, p.contract_id, p.effective_date)}</Text>
        <View style={styles.terms}>
          {rows.map(([label, value]) => (
            <View key={label} style={styles.row}>
              <Text style={styles.termLabel}>{label}</Text>
              <Text style={styles.termValue}>{value}</Text>
            </View>
          ))}
        </View>
        {p.client_message ? <Text style={styles.paragraph}>{p.client_message}</Text> : null}
        <Text style={styles.paragraph}>{w.questions}</Text>
        <Text style={styles.paragraph}>{w.letter.closing}</Text>
        <View style={styles.signature}>
          <Text>{p.issuer.signatory.name}</Text>
          <Text>{p.issuer.signatory.title}</Text>
          <Text>{w.letter.signature(p.issuer.legal_entity)}</Text>
        </View>
      </Page>
    </Document>
  );
}

TerminationLetter.PreviewProps = {
  termination_id: "TM4Q7ZP1X9K2",
  letter_date: "2027-02-28",
  issuer: {
    legal_entity: "TESTEX Ltd",
    address: ["1 Example Square", "London EC2A 4BX", "United Kingdom"],
    registration: "Registered in England and Wales, company no. 01234567",
    signatory: { name: "Ada Park", title: "Head of Legal" },
  },
  client: { name: "Northwind Traders Ltd", email: "legal@northwind.example", address: "1 Harbour Road, Portsmouth" },
  contract_id: "CT7K2M4Q7ZP1X9",
  contract_title: "Managed hosting services 2025-2027",
  reason: "Termination for convenience",
  effective_date: "2027-03-31",
  notice_basis: "NOTICE_PERIOD",
  notice_period_days: 30,
  client_message: "Data export will be provided within 30 days of the effective date.",
  requested_by: "Edward Lin",
  approved_by: ["Ana Ortiz", "Ben Okafor"],
} satisfies LetterProps;

const styles = StyleSheet.create({
  page: { fontSize: 11, lineHeight: 1.45, padding: "56 64", color: "#1f2328" },
  letterhead: { borderBottom: "1 solid #d0d7de", paddingBottom: 10, marginBottom: 24 },
  entity: { fontSize: 15, fontWeight: "bold" },
  small: { fontSize: 8.5, color: "#57606a" },
  signature: { marginTop: 28 },
  parties: { flexDirection: "row", justifyContent: "flex-end", marginBottom: 28 },
  label: { fontSize: 8, color: "#6a737d", textTransform: "uppercase", letterSpacing: 1 },
  date: { marginBottom: 4 },
  reference: { color: "#6a737d", marginBottom: 20 },
  heading: { fontWeight: "bold", fontSize: 13, marginBottom: 14 },
  paragraph: { marginBottom: 10 },
  terms: { backgroundColor: "#f6f8fa", padding: "8 12", marginBottom: 14 },
  row: { flexDirection: "row", marginVertical: 2 },
  termLabel: { width: 120, fontWeight: "bold" },
  termValue: { flex: 1 },
});
