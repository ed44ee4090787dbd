-- An intent's action (lib/bot/intent-action.ts) is read with the site's intents, which every node
-- caches: a change to it tells every node, as changes to the intents and responses do.
CREATE TRIGGER "IntentAction_content_changed" AFTER INSERT OR UPDATE OR DELETE ON "IntentAction"
  FOR EACH ROW EXECUTE FUNCTION "notify_site_content_changed"('intentId');
