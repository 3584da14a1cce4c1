// @ts-check

/**
 * What the incremental refresh remembers per entity: the repository tree's
 * ETag (for conditional reads), a hash of each fact provider's last facts,
 * a hash of the other evaluation inputs (entity, policy, file waivers) and
 * the instant until which the stored evaluation stays right without new
 * input (the earliest fact max-age or waiver expiry).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('scorecards_refresh_state', t => {
    t.comment('Incremental refresh state per entity');
    t.string('entity_ref', 255).primary().notNullable();
    t.text('repo_location').nullable().comment('repository tree read');
    t.string('repo_etag', 255).nullable().comment('ETag of that tree');
    t.text('provider_hashes')
      .notNullable()
      .comment('JSON: provider id -> hash of its last facts');
    t.string('inputs_hash', 64)
      .notNullable()
      .comment('hash of entity, policy and file waivers');
    t.bigInteger('valid_until')
      .nullable()
      .comment('epoch ms; re-evaluate from then on (null: no time bound)');
    t.bigInteger('updated_at').notNullable().comment('epoch ms');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('scorecards_refresh_state');
};
