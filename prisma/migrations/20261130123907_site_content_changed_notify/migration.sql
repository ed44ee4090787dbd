-- What the bot reads of a site for every message (its intents and their responses, the entity
-- annotations of its examples, its custom entities, its articles) is cached on every node
-- (lib/db/site-changes.ts): any change to it, by any code path, tells every node at once, on the
-- channel site rows already use.
CREATE FUNCTION "notify_site_content_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed record;
  site text;
BEGIN
  IF TG_OP = 'DELETE' THEN changed := OLD; ELSE changed := NEW; END IF;
  IF TG_ARGV[0] = 'intentId' THEN
    -- Gone when its intent is being deleted: the intent's own trigger tells.
    SELECT "siteId" INTO site FROM "Intent" WHERE "id" = changed."intentId";
  ELSE
    site := changed."siteId";
  END IF;
  IF site IS NOT NULL THEN
    PERFORM pg_notify('hearth_site_changed', site);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "Intent_content_changed" AFTER INSERT OR UPDATE OR DELETE ON "Intent"
  FOR EACH ROW EXECUTE FUNCTION "notify_site_content_changed"('siteId');
CREATE TRIGGER "IntentResponse_content_changed" AFTER INSERT OR UPDATE OR DELETE ON "IntentResponse"
  FOR EACH ROW EXECUTE FUNCTION "notify_site_content_changed"('intentId');
CREATE TRIGGER "CustomEntity_content_changed" AFTER INSERT OR UPDATE OR DELETE ON "CustomEntity"
  FOR EACH ROW EXECUTE FUNCTION "notify_site_content_changed"('siteId');
CREATE TRIGGER "Article_content_changed" AFTER INSERT OR UPDATE OR DELETE ON "Article"
  FOR EACH ROW EXECUTE FUNCTION "notify_site_content_changed"('siteId');
-- Of the examples only their entity annotations are read per message.
CREATE TRIGGER "TrainingExample_annotated_inserted" AFTER INSERT ON "TrainingExample"
  FOR EACH ROW WHEN (NEW."annotations" <> '[]'::jsonb)
  EXECUTE FUNCTION "notify_site_content_changed"('intentId');
CREATE TRIGGER "TrainingExample_annotated_updated" AFTER UPDATE ON "TrainingExample"
  FOR EACH ROW WHEN (OLD."annotations" <> '[]'::jsonb OR NEW."annotations" <> '[]'::jsonb)
  EXECUTE FUNCTION "notify_site_content_changed"('intentId');
CREATE TRIGGER "TrainingExample_annotated_deleted" AFTER DELETE ON "TrainingExample"
  FOR EACH ROW WHEN (OLD."annotations" <> '[]'::jsonb)
  EXECUTE FUNCTION "notify_site_content_changed"('intentId');
