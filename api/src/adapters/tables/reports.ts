import { RestError, type TableClient } from "@azure/data-tables";
import { MonthRow, PersonRow, TandemRow, TandemError, belowPath, type ReportRange, type ReportStore } from "@tandem/core";
import { TableStore, tableClient, type StorageTarget } from "./store";

/**
 * The report aggregates (ADR 0002, "Reports"), three tables:
 *   ReportMonths   PK tenant|yyyy-mm   RK person key   a person's month: each tandem's entry. A manager's team in one
 *                                                      month is one range query (the keys below their path)
 *   ReportPeople   PK tenant           RK person key   a person's standing: profile facts, tandem links, the months
 *                                                      they have rows in; a manager's team is one range query
 *   ReportTandems  PK tenant           RK tandem id    a coordinator's digest of each tandem, and the number of the
 *                                                      refresh that wrote it
 * A person's key is their path in the directory's tree, or `~` and their id until the directory places them (`~`
 * sorts after every path, so no manager's range reaches them). Three tables rather than one: Azurite scans a whole
 * table to answer a query, and a month's query need not scan the people or the tandems.
 */
export const reportTableNames = (prefix: string) => ({
  months: `${prefix}ReportMonths`,
  people: `${prefix}ReportPeople`,
  tandems: `${prefix}ReportTandems`,
});

const UNPLACED = "~";
/** The key of someone the directory has not placed. */
export const unplacedKey = (personId: string) => `${UNPLACED}${personId}`;

function bounds(range: ReportRange): [string | null, string | null] {
  if (range === "all") return [null, null];
  if (range === "unplaced") return [UNPLACED, `${UNPLACED}\uffff`];
  const { after, before } = belowPath(range.below);
  return [after, before];
}

export interface TableReportStore extends ReportStore {
  ensureTables(): Promise<void>;
  /** The tables' clients, for the benchmark's bulk writes. */
  clients: { months: TableClient; people: TableClient; tandems: TableClient };
}

export function createTableReportStore(target: StorageTarget, prefix: string): TableReportStore {
  const names = reportTableNames(prefix);
  const clients = {
    months: tableClient(target, names.months),
    people: tableClient(target, names.people),
    tandems: tableClient(target, names.tandems),
  };
  const months = new TableStore(clients.months, MonthRow);
  const people = new TableStore(clients.people, PersonRow);
  const tandems = new TableStore(clients.tandems, TandemRow);
  const monthPk = (t: string, month: string) => `${t}|${month}`;
  const put = <T>(store: TableStore<T>, pk: string, rk: string, value: T, ifMatch: string | null) =>
    ifMatch === null ? store.create(pk, rk, value) : store.replace(pk, rk, value, ifMatch);

  return {
    clients,
    async ensureTables() {
      for (const c of Object.values(clients)) {
        try {
          await c.createTable();
        } catch (e) {
          if (!(e instanceof RestError && e.statusCode === 409)) throw new TandemError("unavailable", "Storage is not answering.");
        }
      }
    },
    tandem: (t, id) => tandems.get(t, id),
    putTandem: (t, id, row, ifMatch) => put(tandems, t, id, row, ifMatch),
    tandems: async (t) => (await tandems.query(t)).map((r) => r.value),
    person: (t, key) => people.get(t, key),
    putPerson: (t, key, row, ifMatch) => put(people, t, key, row, ifMatch),
    deletePerson: (t, key, ifMatch) => people.delete(t, key, ifMatch),
    async people(t, range) {
      return (await people.range(t, ...bounds(range), true)).map((r) => ({ key: r.rowKey, row: r.value }));
    },
    month: (t, month, key) => months.get(monthPk(t, month), key),
    putMonth: (t, month, key, row, ifMatch) => put(months, monthPk(t, month), key, row, ifMatch),
    deleteMonth: (t, month, key, ifMatch) => months.delete(monthPk(t, month), key, ifMatch),
    async months(t, month, range) {
      return (await months.range(monthPk(t, month), ...bounds(range), true)).map((r) => ({ key: r.rowKey, row: r.value }));
    },
    async allMonths(t) {
      return (await months.scan(`${t}|`, `${t}|\uffff`)).map((r) => ({ month: r.partitionKey.slice(t.length + 1), key: r.rowKey, row: r.value }));
    },
  };
}
