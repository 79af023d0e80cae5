// Entry of the message layer: locales, message data and rendering (see message.ts, locale.ts).
export * from './locale.js';
export * from './message.js';
