// @ts-check

/**
 * The incremental SLI bucket cache (shared by all replicas) and the stored
 * entity SLO reports the scheduled refresh computes.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('slo_bucket_series', t => {
    t.comment('One cached SLI event series per SLO, step and grid');
    t.string('cache_key', 64)
      .primary()
      .comment('sha256 of entity, SLO, query, step, grid');
    t.integer('step_seconds').notNullable();
    t.bigInteger('start_ms').notNullable().comment('start of the first bucket');
    t.bigInteger('complete_end_ms')
      .notNullable()
      .comment('end of the last settled bucket; later buckets are refetched');
    t.bigInteger('updated_at').notNullable().comment('epoch ms');
  });
  await knex.schema.createTable('slo_bucket_chunks', t => {
    t.comment(
      'Good/total events of a cached series, in fixed chunks of buckets',
    );
    t.string('cache_key', 64).notNullable();
    t.bigInteger('chunk')
      .notNullable()
      .comment('floor(bucket start / chunk span)');
    t.bigInteger('first_ms').notNullable().comment('start of the first bucket');
    t.binary('good').notNullable().comment('Float64 little endian');
    t.binary('total').notNullable().comment('Float64 little endian');
    t.primary(['cache_key', 'chunk']);
  });
  await knex.schema.createTable('slo_reports', t => {
    t.comment('Entity SLO reports computed by the scheduled refresh');
    t.string('entity_ref', 255).primary();
    t.string('fingerprint', 64)
      .notNullable()
      .comment('sha256 of the SLO annotations the report was computed for');
    t.text('report').notNullable().comment('JSON');
    t.bigInteger('computed_at').notNullable().comment('epoch ms');
    t.bigInteger('checked_at').notNullable().comment('last refresh, epoch ms');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('slo_reports');
  await knex.schema.dropTable('slo_bucket_chunks');
  await knex.schema.dropTable('slo_bucket_series');
};
