"""Writes the ml-latest-small movie texts, one per line: "{title}. Genres: {genres joined with ', '}"."""
import csv
import sys

source, target = sys.argv[1], sys.argv[2]
with open(source, newline="", encoding="utf-8") as movies, open(target, "w", encoding="utf-8") as out:
    for row in csv.DictReader(movies):
        out.write(f"{row['title']}. Genres: {', '.join(row['genres'].split('|'))}\n")
