// @ts-check

/**
 * Deployment and rollback events (delivery metrics): one row per reported
 * event id and entity, so a replayed event is stored once.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('slo_deployments', t => {
    t.comment('Deployments reported by release workflows or read from the SCM');
    t.string('entity_ref', 255).notNullable();
    t.string('id', 200).notNullable().comment('event id, unique per entity');
    t.string('environment', 64).notNullable();
    t.string('commit_sha', 64).notNullable();
    // ISO-8601 UTC strings: sortable and identical on SQLite and PostgreSQL.
    t.string('commit_at', 32).nullable().comment('first commit of the change');
    t.string('started_at', 32).notNullable();
    t.string('finished_at', 32).notNullable();
    t.string('status', 16)
      .notNullable()
      .comment('succeeded|failed|rolled_back');
    t.text('run_url').nullable();
    t.string('version', 128).nullable();
    t.string('source', 8).notNullable().comment('push | scm');
    t.boolean('demo').notNullable().defaultTo(false);
    t.string('created_at', 32).notNullable();
    t.primary(['entity_ref', 'id']);
    t.index(['entity_ref', 'finished_at'], 'slo_deployments_entity_idx');
    t.index(['finished_at'], 'slo_deployments_finished_idx');
  });
  await knex.schema.createTable('slo_rollbacks', t => {
    t.comment('Rollbacks reported by release workflows');
    t.string('entity_ref', 255).notNullable();
    t.string('id', 200).notNullable().comment('event id, unique per entity');
    t.string('environment', 64).notNullable();
    t.string('from_version', 128).nullable();
    t.string('to_version', 128).nullable();
    t.string('started_at', 32).notNullable();
    t.string('finished_at', 32).notNullable();
    t.text('run_url').nullable();
    t.boolean('demo').notNullable().defaultTo(false);
    t.string('created_at', 32).notNullable();
    t.primary(['entity_ref', 'id']);
    t.index(['entity_ref', 'started_at'], 'slo_rollbacks_entity_idx');
    t.index(['started_at'], 'slo_rollbacks_started_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('slo_rollbacks');
  await knex.schema.dropTable('slo_deployments');
};
