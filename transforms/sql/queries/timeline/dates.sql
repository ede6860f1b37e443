-- `dateline timeline`: every day the story's articles name, event or no event. Slot: story (its filters on articles).
SELECT article_id, day, published_at, source, basis, start FROM dates WHERE true /*story*/
