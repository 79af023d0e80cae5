-- Custom migration (issue 17, session 2): the evaluations writer's check as a function, so that a batch
-- of evaluations and their audit records is ONE statement (server/evaluations/writer.ts), not BEGIN, a
-- read, the INSERTs and COMMIT — a round trip each. The statement inserts the rows (data-modifying WITH)
-- and calls this: it reads the generation counter FOR SHARE (a change to tokens, organizations or schemes
-- by another server waits for this commit, as in the writer's transaction) and raises when the counter
-- is not the one the requests were checked at, which fails the whole statement, its rows included; the
-- writer then takes the transaction path, which checks the requests again.
CREATE FUNCTION kaohe_generation_is(expected integer) RETURNS integer LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
  current integer;
BEGIN
  SELECT "n" INTO current FROM "generation" WHERE "id" = 1 FOR SHARE;
  IF current IS DISTINCT FROM expected THEN
    RAISE EXCEPTION 'kaohe: the generation counter moved (% to %)', expected, current;
  END IF;
  RETURN current;
END
$$;
