// @ts-check

/**
 * Scorecards tables: latest facts per (entity, fact), current scorecards,
 * per-gate status (for filters and roll-ups), change-only history, and
 * idempotency keys of the push API.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('scorecards_facts', table => {
    table.comment('Latest value of each fact of each entity');
    table.string('entity_ref', 255).notNullable();
    table.string('fact_id', 255).notNullable();
    table.text('value').notNullable().comment('JSON encoded value');
    table.bigInteger('observed_at').notNullable().comment('epoch ms');
    table.string('source', 255).notNullable();
    table.bigInteger('updated_at').notNullable().comment('epoch ms');
    table.primary(['entity_ref', 'fact_id']);
    table.index(['fact_id'], 'scorecards_facts_fact_idx');
  });

  await knex.schema.createTable('scorecards_current', table => {
    table.comment('Current scorecard of each entity');
    table.string('entity_ref', 255).primary().notNullable();
    table.string('kind', 64).notNullable();
    table.string('title', 255).nullable();
    table.string('owner', 255).nullable();
    table.string('system', 255).nullable();
    table.string('domain', 255).nullable();
    table.string('verdict', 16).notNullable();
    table.double('score').nullable();
    table.string('level', 64).nullable();
    table.string('policy_version', 64).notNullable();
    table
      .string('signature', 64)
      .notNullable()
      .comment('hash of verdict, score, level and gate statuses');
    table.bigInteger('evaluated_at').notNullable();
    table.text('scorecard').notNullable().comment('JSON EntityScorecard');
    table.index(['owner'], 'scorecards_current_owner_idx');
    table.index(['system'], 'scorecards_current_system_idx');
    table.index(['domain'], 'scorecards_current_domain_idx');
    table.index(['verdict'], 'scorecards_current_verdict_idx');
  });

  await knex.schema.createTable('scorecards_gate_status', table => {
    table.comment('Current status of each gate of each entity');
    table.string('entity_ref', 255).notNullable();
    table.string('gate_id', 255).notNullable();
    table.string('status', 16).notNullable();
    table.primary(['entity_ref', 'gate_id']);
    table.index(['gate_id', 'status'], 'scorecards_gate_status_gate_idx');
  });

  await knex.schema.createTable('scorecards_history', table => {
    table.comment('One row per change of an entity scorecard');
    table.bigIncrements('id').primary();
    table.string('entity_ref', 255).notNullable();
    table.bigInteger('evaluated_at').notNullable();
    table.string('verdict', 16).notNullable();
    table.double('score').nullable();
    table.string('level', 64).nullable();
    table.text('gates').notNullable().comment('JSON gateId -> status');
    table.index(
      ['entity_ref', 'evaluated_at'],
      'scorecards_history_entity_idx',
    );
  });

  await knex.schema.createTable('scorecards_push_requests', table => {
    table.comment('Idempotency keys of POST /facts');
    table.string('idempotency_key', 255).primary().notNullable();
    table.string('body_hash', 64).notNullable();
    table.text('response').notNullable();
    table.bigInteger('created_at').notNullable();
    table.index(['created_at'], 'scorecards_push_requests_created_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('scorecards_push_requests');
  await knex.schema.dropTable('scorecards_history');
  await knex.schema.dropTable('scorecards_gate_status');
  await knex.schema.dropTable('scorecards_current');
  await knex.schema.dropTable('scorecards_facts');
};
