import { AccordException } from '../errors/accord.exception';

/** What the webhook admin API refuses: unknown subscriptions and deliveries, bad path parameters. */
export class WebhookException extends AccordException {}
