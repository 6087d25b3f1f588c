export * from './bus-stats';
export * from './create-event-bus';
export * from './event-schemas';
export * from './event-spool';
export * from './in-process-event-bus';
export * from './kafka-batch-publisher';
export type { KafkaEventBus, KafkaEventBusOptions, PartitionLag } from './kafka-event-bus';
