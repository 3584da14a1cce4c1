// @ts-check

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('slo_incidents', table => {
    table.comment(
      'Incidents per catalog entity (Alertmanager, manual, PagerDuty)',
    );
    table.string('id', 64).primary();
    table.string('entity_ref', 255).notNullable().index();
    table.text('title').notNullable();
    table.text('description').nullable();
    table.string('severity', 8).notNullable();
    table.string('status', 16).notNullable();
    table.string('source', 16).notNullable();
    // ISO-8601 UTC strings: sortable and identical on SQLite and PostgreSQL.
    table.string('started_at', 32).notNullable();
    table.string('acknowledged_at', 32).nullable();
    table.string('resolved_at', 32).nullable();
    table.text('postmortem_url').nullable();
    table.text('labels').nullable();
    table.string('external_key', 512).nullable().unique();
    table.string('created_at', 32).notNullable();
    table.string('updated_at', 32).notNullable();
  });
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
  await knex.schema.createTable('slo_freeze_overrides', table => {
    table.comment('Audited overrides of error budget freezes');
    table.increments('id');
    table.string('entity_ref', 255).notNullable().index();
    table.string('created_by', 255).notNullable();
    table.text('reason').notNullable();
    table.string('expires_at', 32).notNullable();
    table.string('created_at', 32).notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('slo_freeze_overrides');
  await knex.schema.dropTable('slo_idempotency_keys');
  await knex.schema.dropTable('slo_incidents');
};
