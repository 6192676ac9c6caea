--liquibase formatted sql

--changeset inkwell:0071-insert-opening-balances
-- users had credits before the ledger recorded where they came from: one OPENING row per
-- user for the part of the balance that its transfers do not explain, so that
-- credits = sum(incoming) - sum(outgoing) holds for every existing user.
INSERT INTO transfers (id, from_user_id, to_user_id, amount, kind, created_at)
SELECT gen_random_uuid(), NULL, u.id, u.credits - COALESCE(t.net, 0), 'OPENING', u.created_at
FROM users u
LEFT JOIN (
    SELECT user_id, sum(amount) AS net
    FROM (SELECT to_user_id AS user_id, amount FROM transfers
          UNION ALL
          SELECT from_user_id, -amount FROM transfers) moves
    GROUP BY user_id
) t ON t.user_id = u.id
WHERE u.credits - COALESCE(t.net, 0) > 0;
--rollback DELETE FROM transfers WHERE kind = 'OPENING';
