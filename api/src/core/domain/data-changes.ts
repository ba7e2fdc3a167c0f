/**
 * Every change to the data the jobs read is logged in `data_changes` with the earliest date it can alter.
 * A job run takes this advisory lock exclusively while it reads the latest change id; a writer takes it
 * shared in the transaction that logs its change. So a run never records as seen a change whose
 * transaction has not committed yet (that change would otherwise never be recomputed).
 */
export const DATA_CHANGES_LOCK = 'kaigo:data_changes';

export type DataChangeReason = 'import' | 'undo' | 'demo';
