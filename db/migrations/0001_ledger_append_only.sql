-- The points ledger is append-only. Corrections are new, reversing entries. Erasing a whole
-- merchant or member (account deletion) is the one exception, and must say so explicitly
-- with SET LOCAL loyalty.allow_ledger_erasure = 'on' in its transaction.
CREATE FUNCTION point_entries_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('loyalty.allow_ledger_erasure', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'point_entries is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'restrict_violation';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER point_entries_append_only
  BEFORE UPDATE OR DELETE ON point_entries
  FOR EACH ROW EXECUTE FUNCTION point_entries_append_only();
