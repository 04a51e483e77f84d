import { TerminationEntity } from "../termination/entity";
import { addDays } from "../dates";
import { present, ReportQuery, type Termination } from "../termination/schemas";
import { parse } from "../validation";

/** The terminations a report counts (effective from `from` to `to`, inclusive), one by one, by effective date. */
export async function* terminationsEffective(raw: ReportQuery): AsyncIterable<Termination> {
  const { from, to } = parse(ReportQuery, raw);
  let cursor: string | null = null;
  do {
    const page: { data: Parameters<typeof present>[0][]; cursor: string | null } = await TerminationEntity.query
      .byEffectiveDate({})
      .between({ effective_date: from }, { effective_date: addDays(to, 1) })
      .go({ cursor, limit: 100 });
    yield* page.data.map(present);
    cursor = page.cursor;
  } while (cursor);
}
