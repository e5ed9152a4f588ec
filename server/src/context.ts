/** What every workflow and route is given: the database, the clock, the outside services. */
import type { Config } from './config.ts';
import type { Db } from './db/connect.ts';
import type { Clock } from './lib/clock.ts';
import type { PaymentProviders } from './modules/refunds/payment-provider.ts';

export type AppContext = {
  db: Db;
  clock: Clock;
  config: Config;
  payments: PaymentProviders;
  /** Tells the outbox worker that events were committed, so it delivers without waiting for its poll. */
  notifyOutbox: () => void;
};
