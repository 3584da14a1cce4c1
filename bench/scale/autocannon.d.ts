// autocannon ships no type declarations; the benchmark uses a small part of it.
declare module 'autocannon';
