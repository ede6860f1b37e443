-- Dashboard run health: rejected inputs per reason.
SELECT reason, count(*) AS inputs FROM rejects GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?
