// @ts-check

/**
 * Provenance of pushed facts: the commit a fact describes, the CI run that
 * produced it and the producer (all optional; old rows have none).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('scorecards_facts', table => {
    table.string('commit_sha', 64).nullable().comment('commit SHA described');
    table.text('run_url').nullable().comment('URL of the producing CI run');
    table.string('producer', 255).nullable().comment('producer of the fact');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('scorecards_facts', table => {
    table.dropColumn('commit_sha');
    table.dropColumn('run_url');
    table.dropColumn('producer');
  });
};
