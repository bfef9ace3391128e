/** Message properties, named after their AMQP counterparts so both adapters read alike. */
export interface MessageProperties {
  messageId: string;
  /** The message type (also the routing key on the exchanges). */
  type: string;
  /** Queue that receives the reply of a request. */
  replyTo?: string;
  /** Pairs a reply with its request on the caller's side. */
  correlationId?: string;
  /** Milliseconds the message may wait in a queue before it expires (AMQP `expiration`). */
  expirationMs?: number;
  headers: Record<string, unknown>;
}

/** What the broker stores: a serialized body, so consumers never share objects with producers. */
export interface BrokerMessage {
  body: string;
  properties: MessageProperties;
}

export interface Delivery {
  readonly deliveryTag: number;
  readonly queue: string;
  readonly message: BrokerMessage;
  /** True when the message was handed out before and returned unacknowledged. */
  readonly redelivered: boolean;
}
