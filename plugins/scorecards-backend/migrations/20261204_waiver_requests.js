// @ts-check

/**
 * Waiver requests: an owner asks to waive a failing gate of an entity until a
 * date, a platform member (or a configured approver of the gate) approves or
 * rejects it. Every step is a row of the history table.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('scorecards_waiver_requests', table => {
    table.comment('Waiver requests and their decision');
    table.string('id', 36).primary().notNullable();
    table.string('entity_ref', 255).notNullable();
    table.string('gate_id', 255).notNullable();
    table.text('reason').notNullable();
    table.bigInteger('expires_at').notNullable().comment('epoch ms');
    table
      .string('state', 16)
      .notNullable()
      .comment('requested | approved | rejected | withdrawn');
    table.string('requested_by', 255).notNullable();
    table.bigInteger('requested_at').notNullable().comment('epoch ms');
    table.string('decided_by', 255).nullable();
    table.bigInteger('decided_at').nullable().comment('epoch ms');
    table.text('decision_comment').nullable();
    table.index(
      ['entity_ref', 'state'],
      'scorecards_waiver_requests_entity_idx',
    );
    table.index(['state'], 'scorecards_waiver_requests_state_idx');
  });
  await knex.schema.createTable('scorecards_waiver_request_history', table => {
    table.comment('Every step of a waiver request');
    table.increments('seq').primary();
    table
      .string('request_id', 36)
      .notNullable()
      .references('id')
      .inTable('scorecards_waiver_requests')
      .onDelete('CASCADE');
    table.string('state', 16).notNullable();
    table.string('actor', 255).notNullable();
    table.text('comment').nullable();
    table.bigInteger('at').notNullable().comment('epoch ms');
    table.index(['request_id'], 'scorecards_waiver_request_history_req_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('scorecards_waiver_request_history');
  await knex.schema.dropTable('scorecards_waiver_requests');
};
