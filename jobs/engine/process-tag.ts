import { hostname } from 'node:os';

/**
 * Names a process in temporary file names under DATA_DIR: `<pid>@<host>`, so that instances on several
 * machines sharing the directory each clear only what their own dead processes left.
 */
export const processTag = (pid = process.pid, host = hostname()) => `${pid}@${host}`;
