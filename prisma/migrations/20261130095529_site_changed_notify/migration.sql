-- Every node caches sites (allowed origins, secrets, settings): any change to a site row, by any
-- code path, tells every node at once (lib/conversations/sites.ts listens).
CREATE FUNCTION "notify_site_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('hearth_site_changed', OLD."id");
  RETURN NULL;
END $$;

CREATE TRIGGER "Site_changed" AFTER UPDATE OR DELETE ON "Site"
  FOR EACH ROW EXECUTE FUNCTION "notify_site_changed"();
