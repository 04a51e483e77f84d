import { Body, Container, Head, Heading, Hr, Html, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";
import { wording } from "./wording";

/** The frame every notice shares: a heading, the body, and a footer naming the contract. */
export function Layout({ preview, heading, reference, children }: { preview: string; heading: string; reference?: string; children: ReactNode }) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Text style={styles.brand}>TESTEX</Text>
          <Heading as="h1" style={styles.heading}>
            {heading}
          </Heading>
          {children}
          <Hr style={styles.rule} />
          <Text style={styles.footer}>{wording().footer(reference)}</Text>
        </Container>
      </Body>
    </Html>
  );
}

/** Label/value lines; rendered as "Label: value" in the text part too. */
export function Facts({ rows }: { rows: [label: string, value: string | undefined][] }) {
  return (
    <Section style={styles.facts}>
      {rows
        .filter(([, value]) => value !== undefined && value !== "")
        .map(([label, value]) => (
          <Text key={label} style={styles.fact}>
            <strong>{label}:</strong> {value}
          </Text>
        ))}
    </Section>
  );
}

export function Paragraph({ children }: { children: ReactNode }) {
  return <Text style={styles.paragraph}>{children}</Text>;
}

/** The opening line of a notice about the contract's term: to the client by name, to the owner about the client. */
export function Salutation({ audience, client_name }: { audience: "CLIENT" | "OWNER"; client_name: string }) {
  return <Paragraph>{audience === "CLIENT" ? `Dear ${client_name},` : `For your records, about the contract with ${client_name}:`}</Paragraph>;
}

/** `2027-03-31` as "31 March 2027"; dates are calendar dates, so no time zone shifts them. */
export const longDate = (isoDate: string) => wording().date(isoDate);

export const money = (value: number, currency: string) => new Intl.NumberFormat("en-US", { style: "currency", currency }).format(value);

export const styles = {
  body: { backgroundColor: "#f4f5f7", fontFamily: "Helvetica, Arial, sans-serif", margin: 0, padding: "24px 0" },
  container: { backgroundColor: "#ffffff", border: "1px solid #e1e4e8", borderRadius: 6, margin: "0 auto", maxWidth: 600, padding: "24px 32px" },
  brand: { color: "#6a737d", fontSize: 12, fontWeight: 700, letterSpacing: 2, margin: 0 },
  heading: { color: "#1f2328", fontSize: 22, margin: "12px 0 16px" },
  paragraph: { color: "#1f2328", fontSize: 15, lineHeight: "22px" },
  facts: { backgroundColor: "#f6f8fa", borderRadius: 4, padding: "8px 16px" },
  fact: { color: "#1f2328", fontSize: 14, lineHeight: "20px", margin: "4px 0" },
  rule: { borderColor: "#e1e4e8", margin: "24px 0 12px" },
  footer: { color: "#6a737d", fontSize: 12, lineHeight: "18px" },
  buttonApprove: { backgroundColor: "#1a7f37", borderRadius: 4, color: "#ffffff", fontSize: 15, fontWeight: 700, marginRight: 12, padding: "10px 18px" },
  buttonReject: { backgroundColor: "#cf222e", borderRadius: 4, color: "#ffffff", fontSize: 15, fontWeight: 700, padding: "10px 18px" },
} as const;
