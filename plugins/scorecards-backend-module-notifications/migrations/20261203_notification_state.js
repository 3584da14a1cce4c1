// @ts-check

/**
 * What the notifier remembers per entity: the last observed state and the
 * conditions already notified, with a version for compare-and-set writes.
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('gatekeeper_notification_state', table => {
    table.string('entity_ref', 255).primary();
    table.text('state').notNullable();
    table.integer('version').notNullable();
    table.dateTime('updated_at').notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('gatekeeper_notification_state');
};
