// @ts-check

/**
 * Atomic, per-caller Idempotency-Key records (KnexIdempotencyStore of
 * @gatekeeper/gatekeeper-node) replace the global `scorecards_push_requests`.
 * Same columns as `createIdempotencyTable` of gatekeeper-node.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.dropTable('scorecards_push_requests');
  await knex.schema.createTable('scorecards_idempotency_keys', t => {
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
    t.index(['expires_at'], 'scorecards_idempotency_keys_expires_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('scorecards_idempotency_keys');
  await knex.schema.createTable('scorecards_push_requests', table => {
    table.comment('Idempotency keys of POST /facts');
    table.string('idempotency_key', 255).primary().notNullable();
    table.string('body_hash', 64).notNullable();
    table.text('response').notNullable();
    table.bigInteger('created_at').notNullable();
    table.index(['created_at'], 'scorecards_push_requests_created_idx');
  });
};
