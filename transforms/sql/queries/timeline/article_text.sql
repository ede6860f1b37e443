-- `dateline timeline`: the text of one article (read only for the articles behind the listed days).
SELECT text FROM articles WHERE article_id = ?
