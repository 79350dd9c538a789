import { sql, type RawBuilder } from 'kysely';

/**
 * Many small rows packed by the database into one text value, for the schedules' big reads
 * (issue 8). Every value a row carries costs about 0.4 µs to turn into JavaScript, so an
 * organisation's week read as one row per person and day — ten thousand rows of three to five
 * values — cost more than finding the rows. Grouped by date, the same facts are a handful of
 * rows of two or three values, `string_agg(fields, RECORD)`, and reading the text back here is
 * several times cheaper.
 *
 * `string_agg` is PostgreSQL's and SQLite's (3.44+, bundled by better-sqlite3) alike, so the
 * statement is the same on both. The separators are the ASCII unit and record separators, bound
 * as parameters: they appear in no id, date, number, place, cohort or absence kind. The third
 * field may be null: it is packed with its separator in front (`coalesce(FIELD || value, '')`),
 * so that null and '' stay apart. Rows come in no particular order.
 */
export const FIELD = '\u001f';
export const RECORD = '\u001e';

/** `string_agg(first FIELD second [FIELD optional], RECORD)`; `first` and `second` are never null. */
export function packedRows(
  first: RawBuilder<unknown>,
  second: RawBuilder<unknown>,
  optional: RawBuilder<unknown>,
): RawBuilder<string | null> {
  return sql<
    string | null
  >`string_agg(${first} || ${FIELD} || ${second} || coalesce(${FIELD} || ${optional}, ''), ${RECORD})`;
}

/**
 * Calls `row(first, second, optional)` for each row of a packed value. Read with indexOf and
 * slice rather than `split`: no array per row, about six times faster over ten thousand rows.
 */
export function forEachPackedRow(
  packed: string | null,
  row: (first: string, second: string, optional: string | null) => void,
): void {
  if (packed === null) return;
  let start = 0;
  while (start < packed.length) {
    let end = packed.indexOf(RECORD, start);
    if (end < 0) end = packed.length;
    const afterFirst = packed.indexOf(FIELD, start);
    const afterSecond = packed.indexOf(FIELD, afterFirst + 1);
    const hasOptional = afterSecond >= 0 && afterSecond < end;
    row(
      packed.slice(start, afterFirst),
      packed.slice(afterFirst + 1, hasOptional ? afterSecond : end),
      hasOptional ? packed.slice(afterSecond + 1, end) : null,
    );
    start = end + 1;
  }
}
