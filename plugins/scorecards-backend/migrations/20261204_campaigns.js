// @ts-check

/**
 * Campaigns: a target (gates and/or a level) for the entities a selector
 * picks, with a deadline; defined as code in the gate policy (`source` code,
 * synced at start-up) or in the UI. The history table holds every change and
 * one progress snapshot per campaign and day.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('scorecards_campaigns', table => {
    table.comment('Campaigns of the scorecards');
    table.string('id', 36).primary().notNullable();
    table
      .string('code_id', 255)
      .nullable()
      .unique()
      .comment('id in the policy');
    table.string('title', 255).notNullable();
    table.text('description').nullable();
    table.string('owner', 255).notNullable();
    table.text('target').notNullable().comment('JSON: gates, level');
    table
      .text('selector')
      .notNullable()
      .comment('JSON: owners, systems, domains, kinds, lifecycles, tags');
    table.bigInteger('deadline').notNullable().comment('epoch ms');
    table.string('source', 8).notNullable().comment('code | ui');
    table.string('created_by', 255).notNullable();
    table.bigInteger('created_at').notNullable().comment('epoch ms');
    table.bigInteger('updated_at').notNullable().comment('epoch ms');
    table.boolean('archived').notNullable().defaultTo(false);
    table.index(['archived', 'deadline'], 'scorecards_campaigns_deadline_idx');
  });
  await knex.schema.createTable('scorecards_campaign_history', table => {
    table.comment('Changes and daily progress snapshots of campaigns');
    table.increments('seq').primary();
    table
      .string('campaign_id', 36)
      .notNullable()
      .references('id')
      .inTable('scorecards_campaigns')
      .onDelete('CASCADE');
    table
      .string('kind', 16)
      .notNullable()
      .comment('created | updated | synced | snapshot');
    table.bigInteger('at').notNullable().comment('epoch ms');
    table.string('actor', 255).nullable();
    table.text('changes').nullable().comment('JSON of the changed fields');
    table.string('day', 10).nullable().comment('YYYY-MM-DD of a snapshot');
    table.integer('total').nullable();
    table.integer('done').nullable();
    table.integer('remaining').nullable();
    table.integer('overdue').nullable();
    table.unique(['campaign_id', 'day'], {
      indexName: 'scorecards_campaign_history_day_uq',
    });
    table.index(['campaign_id', 'seq'], 'scorecards_campaign_history_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('scorecards_campaign_history');
  await knex.schema.dropTable('scorecards_campaigns');
};
