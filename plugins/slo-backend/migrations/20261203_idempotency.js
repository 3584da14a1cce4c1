// @ts-check

/**
 * Atomic Idempotency-Key records (KnexIdempotencyStore of
 * @gatekeeper/gatekeeper-node): a reservation row in state in-progress is
 * inserted before the request runs. Same columns as `createIdempotencyTable`
 * of gatekeeper-node; stored responses of the old table are dropped.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.dropTable('slo_idempotency_keys');
  await knex.schema.createTable('slo_idempotency_keys', t => {
    t.comment('Idempotency-Key reservations and responses, per caller');
    t.string('scope', 255).notNullable();
    t.string('idempotency_key', 255).notNullable();
    t.string('operation', 255).notNullable();
    t.string('request_hash', 64).notNullable();
    t.string('state', 16).notNullable().comment('in-progress | completed');
    t.string('token', 64).notNullable().comment('id of the reservation');
    t.integer('status_code').nullable();
    t.text('response_body').nullable().comment('JSON');
    t.bigInteger('created_at').notNullable().comment('epoch ms');
    t.bigInteger('expires_at').notNullable().comment('epoch ms');
    t.primary(['scope', 'idempotency_key']);
    t.index(['expires_at'], 'slo_idempotency_keys_expires_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('slo_idempotency_keys');
  await knex.schema.createTable('slo_idempotency_keys', table => {
    table.comment(
      'Responses of mutating requests, replayed for a repeated Idempotency-Key',
    );
    table.string('principal', 255).notNullable();
    table.string('idempotency_key', 255).notNullable();
    table.string('operation', 255).notNullable();
    table.string('request_hash', 64).notNullable();
    table.integer('status_code').notNullable();
    table.text('response_body').notNullable();
    table.string('created_at', 32).notNullable();
    table.primary(['principal', 'idempotency_key']);
  });
};
