// @ts-check

/**
 * Evidence kind of every fact (`observed` from a system of record or a CI
 * push, `configured` when derived from repository files or annotations), and
 * per scorecard the number of gates decided by stale or configuration-only
 * evidence, for the overview's filter.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('scorecards_facts', table => {
    table
      .string('evidence', 16)
      .notNullable()
      .defaultTo('observed')
      .comment('observed or configured');
  });
  // The built-in providers that read files and annotations; the next refresh
  // writes the kind anyway, this only keeps old rows right until then.
  await knex('scorecards_facts')
    .whereIn('source', [
      'provider:repo-files',
      'provider:ci-workflows',
      'provider:catalog-annotations',
    ])
    .update({ evidence: 'configured' });
  await knex.schema.alterTable('scorecards_current', table => {
    table
      .integer('stale_gates')
      .notNullable()
      .defaultTo(0)
      .comment('gates decided by stale evidence');
    table
      .integer('configured_gates')
      .notNullable()
      .defaultTo(0)
      .comment('gates decided by configuration-only evidence');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('scorecards_current', table => {
    table.dropColumn('stale_gates');
    table.dropColumn('configured_gates');
  });
  await knex.schema.alterTable('scorecards_facts', table => {
    table.dropColumn('evidence');
  });
};
