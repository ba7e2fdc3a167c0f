/** The media type of an Arrow IPC stream (the office lists' compact encoding), shared by the API and the dashboard. */
export const ARROW_STREAM = 'application/vnd.apache.arrow.stream';
