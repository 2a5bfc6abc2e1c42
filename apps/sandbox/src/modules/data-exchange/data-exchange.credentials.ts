/** client_id the data-exchange simulator accepts unless `startSandbox` is given other credentials. */
export const DATA_EXCHANGE_DEMO_CLIENT_ID = 'sandbox-data-exchange-client';

/** client_secret paired with {@link DATA_EXCHANGE_DEMO_CLIENT_ID}; public on purpose, it guards nothing. */
export const DATA_EXCHANGE_DEMO_CLIENT_SECRET = 'sandbox-data-exchange-secret';
