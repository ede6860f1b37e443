"""The Parquet lake: immutable data files named by versioned manifests, committed atomically.

A run stages its files, moves them into place, writes manifest N+1 and only then points `CURRENT`
at it. Readers resolve files through `CURRENT`, so they never see a half-written table, and a run
killed at any point leaves the previous snapshot as it was.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import posixpath
import re
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from flows.crashpoints import crashpoint
from transforms.frames import conform
from transforms.schema import PARTITION_COLUMN, SCHEMA_VERSION, TABLES

CURRENT = "CURRENT"
MANIFESTS = "_manifests"
STAGING = "_staging"
MANIFEST_NAME = re.compile(r"(\d{8})\.json")  # only these count: a user's `00000001 copy.json` is not a snapshot
KEEP_MANIFESTS = 3  # older snapshots stay readable for a while: a reader may still hold one
SORT_COLUMN = {
    "articles": "published_at",
    "mentions": "event_date",
    "events": "event_date",
    "dates": "day",
    "rejects": "input",
    "runs": "started_at",
}


STORE_TIMEOUT = 30.0  # seconds an object-store call may take (DATELINE_STORE_TIMEOUT overrides)


class LakeError(Exception):
    """The lake cannot be read or written (missing, corrupt manifest, unreachable storage)."""


def store_timeout() -> float:
    """Seconds an object-store call may take: DATELINE_STORE_TIMEOUT, else STORE_TIMEOUT."""
    try:
        return max(0.1, float(os.environ.get("DATELINE_STORE_TIMEOUT") or STORE_TIMEOUT))
    except ValueError:
        return STORE_TIMEOUT


def filesystem_for(location: str) -> tuple[pafs.FileSystem, str]:
    """A pyarrow filesystem and root path for a local directory or a URL (s3://, gs://, file://, any fsspec URL).

    S3 takes its credentials, region and endpoint from the standard AWS variables
    (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_DEFAULT_REGION, AWS_ENDPOINT_URL); gs:// honours
    STORAGE_EMULATOR_HOST. Object stores get a timeout on connecting, on each request and on retries.
    """
    if "://" in location:
        try:
            fs, root = _emulated_gcs(location) or pafs.FileSystem.from_uri(location)
        except pa.ArrowInvalid as exc:
            if "Unrecognized filesystem type" not in str(exc):
                raise LakeError(f"{location}: cannot open lake location: {_first_line(exc)}") from None
            fs, root = _fsspec_filesystem(location)
        except (OSError, ValueError) as exc:
            raise LakeError(f"{location}: cannot open lake location: {_first_line(exc)}") from None
        return _with_timeouts(fs), root.rstrip("/")
    return pafs.LocalFileSystem(), os.path.abspath(location)


def _first_line(exc: BaseException, limit: int = 200) -> str:
    """An exception's first line, cut to `limit` characters (object-store errors run to kilobytes)."""
    text = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _emulated_gcs(location: str) -> tuple[pafs.FileSystem, str] | None:
    """gs:// against STORAGE_EMULATOR_HOST (anonymous, as emulators expect), or None to open it the usual way."""
    host = os.environ.get("STORAGE_EMULATOR_HOST")
    if not host or not location.startswith("gs://") or "?" in location:
        return None
    scheme, _, address = host.rpartition("://")
    fs = pafs.GcsFileSystem(anonymous=True, scheme=scheme or "http", endpoint_override=address)
    return fs, location[len("gs://"):]


def _with_timeouts(fs: pafs.FileSystem) -> pafs.FileSystem:
    """The same S3 or GCS filesystem with timeouts where its options left them unbounded; others as they are."""
    seconds = store_timeout()
    if isinstance(fs, pafs.S3FileSystem):
        options = fs.__reduce__()[1][0]
        if options.get("connect_timeout", -1) < 0:
            options["connect_timeout"] = min(seconds, 10.0)
        if options.get("request_timeout", -1) < 0:
            options["request_timeout"] = seconds
        return pafs.S3FileSystem(**options, retry_strategy=pafs.AwsStandardS3RetryStrategy(max_attempts=3))
    if type(fs).__name__ == "GcsFileSystem":
        options = fs.__reduce__()[1][0]
        if options.get("retry_time_limit") is None:  # Google's default retries for 15 minutes
            options["retry_time_limit"] = dt.timedelta(seconds=seconds)
        return type(fs)(**options)
    return fs


def _fsspec_filesystem(location: str) -> tuple[pafs.FileSystem, str]:
    """A URL pyarrow has no native filesystem for (memory://, sftp://, ...): wrap fsspec's."""
    import fsspec
    from fsspec.core import split_protocol

    protocol, _ = split_protocol(location)
    try:
        fs = fsspec.filesystem(protocol)
    except (ImportError, ValueError) as exc:
        raise LakeError(f"{location}: no filesystem for {protocol}://: {str(exc).splitlines()[0]}") from None
    return pafs.PyFileSystem(pafs.FSSpecHandler(fs)), fs._strip_protocol(location)


@dataclass
class Manifest:
    """One committed snapshot: the data files of each table."""

    version: int
    tables: dict[str, list[str]]
    run_id: str = ""
    created_at: str = ""
    schema_version: int = SCHEMA_VERSION

    def to_json(self) -> str:
        """Serialise for storage."""
        return json.dumps(self.__dict__, indent=1, sort_keys=True)


class Lake:
    """A lake at a local path or a filesystem URL."""

    def __init__(self, location: str):
        self.location = location
        self.fs, self.root = filesystem_for(location)
        self.is_local = isinstance(self.fs, pafs.LocalFileSystem)
        if not self.is_local:
            self._probe()

    def _probe(self) -> None:
        """Ask the store for CURRENT once, giving up after the store timeout: an unreachable lake fails here, in one line.

        The call runs in a daemon thread, so that a store that never answers (some clients have no
        timeout of their own while a request stalls) cannot hold the command, nor its exit.
        """
        outcome: list[BaseException | None] = []

        def ask() -> None:
            try:
                self.fs.get_file_info(self.path(CURRENT))
                outcome.append(None)
            except BaseException as exc:  # handed to the caller's thread
                outcome.append(exc)

        seconds = store_timeout()
        thread = threading.Thread(target=ask, name="lake-probe", daemon=True)
        thread.start()
        thread.join(seconds * 2 + 1)  # a request and its retries
        if not outcome:
            raise LakeError(f"{self.location}: the object store did not answer within {seconds * 2 + 1:.0f} s")
        if isinstance(outcome[0], (OSError, ValueError)):
            raise LakeError(f"{self.location}: cannot reach the lake: {_first_line(outcome[0])}")
        if outcome[0] is not None:
            raise outcome[0]

    def path(self, relative: str) -> str:
        """The full filesystem path of a path relative to the lake root."""
        return posixpath.join(self.root, relative) if not self.is_local else os.path.join(self.root, relative)

    @property
    def catalog_path(self) -> str:
        """Where the DuckDB catalog of a local lake lives."""
        return self.path("catalog.duckdb")

    def exists(self) -> bool:
        """True once a first snapshot has been committed."""
        return self.fs.get_file_info(self.path(CURRENT)).type == pafs.FileType.File

    def _read_text(self, relative: str) -> str:
        with self.fs.open_input_stream(self.path(relative)) as stream:
            return stream.read().decode("utf-8")

    def _write_text_atomic(self, relative: str, text: str) -> None:
        """Write a small file so that readers see the old or the new content, never a part."""
        final = self.path(relative)
        tmp = f"{final}.tmp-{uuid.uuid4().hex[:8]}"
        with self.fs.open_output_stream(tmp) as stream:
            stream.write(text.encode("utf-8"))
        if self.is_local:
            with open(tmp, "rb+") as handle:
                os.fsync(handle.fileno())
            os.replace(tmp, final)
        else:
            # Object stores have no rename; a single PUT of the final key is atomic there.
            with self.fs.open_output_stream(final) as stream:
                stream.write(text.encode("utf-8"))
            self.fs.delete_file(tmp)

    def manifest(self) -> Manifest | None:
        """The committed snapshot, or None for a lake with no run yet."""
        if not self.exists():
            return None
        name = self._read_text(CURRENT).strip()
        if not re.fullmatch(r"\d{8}", name):
            raise LakeError(f"{self.location}: {CURRENT} does not name a manifest ({name[:40]!r}); "
                            f"write the newest number in {MANIFESTS}/ into it")
        try:
            data = json.loads(self._read_text(f"{MANIFESTS}/{name}.json"))
        except (OSError, json.JSONDecodeError) as exc:
            raise LakeError(f"{self.location}: manifest {name} is unreadable: {exc}") from None
        return Manifest(**data)

    def files(self, table: str, manifest: Manifest | None = None) -> list[str]:
        """Full paths of the data files of a table in a snapshot (the current one by default)."""
        manifest = manifest or self.manifest()
        if manifest is None:
            return []
        return [self.path(rel) for rel in manifest.tables.get(table, [])]

    def dataset(self, table: str, manifest: Manifest | None = None) -> ds.Dataset:
        """A pyarrow dataset over a table's committed files, with hive partition columns."""
        files = self.files(table, manifest)
        schema = TABLES[table]
        part = PARTITION_COLUMN.get(table)
        partitioning = None
        if part:
            partitioning = ds.partitioning(pa.schema([(part, pa.string())]), flavor="hive")
        if not files:
            return ds.dataset(pa.Table.from_pylist([], schema=schema))
        base = self.path(table)
        return ds.dataset(
            files, schema=schema, format="parquet", filesystem=self.fs,
            partitioning=partitioning, partition_base_dir=base,
        )

    def read(self, table: str, columns: list[str] | None = None, manifest: Manifest | None = None) -> pa.Table:
        """Read a committed table (all of it, or some columns), conformed to the current schema."""
        data = self.dataset(table, manifest).to_table(columns=columns)
        return data if columns else conform(table, data)


def _partitions(data: pa.Table, part: str | None) -> Iterator[tuple[str | None, pa.Table]]:
    """The rows of each partition value in turn (one partition in memory at a time), without that column."""
    if not part:
        yield None, data
        return
    keys = pc.fill_null(data.column(part), "unknown")
    keys = pc.if_else(pc.equal(keys, ""), "unknown", keys)  # no empty partition name
    values = sorted(pc.unique(keys).to_pylist()) if data.num_rows else ["unknown"]
    for value in values:
        yield value, data.filter(pc.equal(keys, value)).drop_columns([part])


@dataclass
class Transaction:
    """The files one run adds or replaces; nothing is visible until `commit`."""

    lake: Lake
    run_id: str
    added: dict[str, list[str]] = field(default_factory=dict)
    replaced: set[str] = field(default_factory=set)
    staged: list[tuple[str, str]] = field(default_factory=list)  # (staging path, final relative path)
    _counter: int = 0

    def append(self, table: str, data: pa.Table) -> None:
        """Add rows to a table."""
        self._stage(table, data)

    def replace(self, table: str, data: pa.Table) -> None:
        """Make `data` the whole new content of a table."""
        self.replaced.add(table)
        self.added.setdefault(table, [])
        self._stage(table, data, always=True)

    def replace_keeping(self, table: str, column: str, drop: pa.Array) -> None:
        """Make the table's committed rows, minus those whose `column` holds a value of `drop`, part of its new content.

        Rows this transaction appended stay too. The committed files are read one at a time: a file
        without such rows is kept as it is, the others are written again without them.
        """
        manifest = self.lake.manifest()
        kept: list[str] = []
        staged_before = len(self.added.get(table, []))
        for relative in manifest.tables.get(table, []) if manifest else []:
            data = self.lake.dataset(table, Manifest(manifest.version, {table: [relative]})).to_table()
            hit = pc.is_in(data.column(column), drop)
            if not pc.any(hit).as_py():
                kept.append(relative)
            elif data.num_rows:
                self._stage(table, data.filter(pc.invert(hit)))
        self.replaced.add(table)
        added = self.added.setdefault(table, [])
        # The kept rows first, then this run's, as a replacement by old-minus-stale + new wrote them.
        self.added[table] = kept + added[staged_before:] + added[:staged_before]

    def _stage(self, table: str, data: pa.Table, always: bool = False) -> None:
        """Write a table's rows as zstd Parquet files, one per partition, sorted by date."""
        data = conform(table, data)
        if data.num_rows == 0 and not always:
            return
        sort_col = SORT_COLUMN.get(table)
        part = PARTITION_COLUMN.get(table)
        for value, rows in _partitions(data, part):
            if sort_col and rows.num_rows:  # Arrow's sort is stable: ties keep their order
                rows = rows.sort_by([(sort_col, "ascending")])
            self._counter += 1
            name = f"part-{self.run_id}-{self._counter:04d}.parquet"
            relative = f"{table}/{part}={value}/{name}" if part else f"{table}/{name}"
            staging = self.lake.path(f"{STAGING}/{self.run_id}/{relative}")
            self.lake.fs.create_dir(posixpath.dirname(staging) if not self.lake.is_local else os.path.dirname(staging))
            pq.write_table(rows, staging, filesystem=self.lake.fs, compression="zstd")
            self.staged.append((staging, relative))
            self.added.setdefault(table, []).append(relative)

    def commit(self) -> Manifest:
        """Move staged files into place, write the next manifest, then swap CURRENT to it."""
        lake = self.lake
        previous = lake.manifest()
        crashpoint("files-staged")
        for staging, relative in self.staged:
            final = lake.path(relative)
            lake.fs.create_dir(os.path.dirname(final) if lake.is_local else posixpath.dirname(final))
            lake.fs.move(staging, final)
            crashpoint("files-moved-partly")
        crashpoint("files-moved")
        tables: dict[str, list[str]] = {}
        for table in TABLES:
            old = [] if previous is None or table in self.replaced else list(previous.tables.get(table, []))
            tables[table] = old + self.added.get(table, [])
        for table, files in tables.items():
            if not files:  # every table always exists, so views and readers never break
                tables[table] = self._empty_file(table)
        version = (previous.version + 1) if previous else 1
        manifest = Manifest(
            version=version, tables=tables, run_id=self.run_id,
            created_at=dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        )
        lake.fs.create_dir(lake.path(MANIFESTS))
        lake._write_text_atomic(f"{MANIFESTS}/{version:08d}.json", manifest.to_json())
        crashpoint("manifest-written")
        lake._write_text_atomic(CURRENT, f"{version:08d}\n")
        crashpoint("current-swapped")
        self.abort()  # the staging folder is empty now; remove it
        return manifest

    def _empty_file(self, table: str) -> list[str]:
        """Write a zero-row file with the table's schema, directly in place (readers ignore it until commit)."""
        part = PARTITION_COLUMN.get(table)
        schema = TABLES[table]
        if part:
            schema = schema.remove(schema.get_field_index(part))
        relative = f"{table}/{part}=unknown/part-{self.run_id}-empty.parquet" if part else f"{table}/part-{self.run_id}-empty.parquet"
        final = self.lake.path(relative)
        self.lake.fs.create_dir(os.path.dirname(final) if self.lake.is_local else posixpath.dirname(final))
        pq.write_table(pa.Table.from_pylist([], schema=schema), final, filesystem=self.lake.fs, compression="zstd")
        return [relative]

    def abort(self) -> None:
        """Delete this run's staging folder."""
        staging = self.lake.path(f"{STAGING}/{self.run_id}")
        if self.lake.fs.get_file_info(staging).type == pafs.FileType.Directory:
            self.lake.fs.delete_dir(staging)


def new_run_id(now: dt.datetime | None = None) -> str:
    """A sortable unique run id: UTC time plus a random suffix."""
    now = now or dt.datetime.now(dt.timezone.utc)
    return now.strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]


def manifest_names(infos: list[pafs.FileInfo]) -> list[str]:
    """The snapshot manifests among a folder's files, oldest first; any other file there is left alone."""
    return sorted(i.base_name for i in infos if i.type == pafs.FileType.File and MANIFEST_NAME.fullmatch(i.base_name))


def collect_garbage(lake: Lake, keep: int = KEEP_MANIFESTS) -> int:
    """Delete staging leftovers, old manifests and data files no kept manifest names; return files deleted."""
    if not lake.exists():
        return 0
    fs = lake.fs
    deleted = 0
    staging = lake.path(STAGING)
    if fs.get_file_info(staging).type == pafs.FileType.Directory:
        fs.delete_dir(staging)
    # Half-written small files of a killed run (CURRENT, catalog.duckdb, _http/validators.json).
    for folder in (lake.root, lake.path("_http")):
        for info in fs.get_file_info(pafs.FileSelector(folder, allow_not_found=True)):
            if info.type == pafs.FileType.File and ".tmp-" in info.base_name:
                fs.delete_file(info.path)
    infos = fs.get_file_info(pafs.FileSelector(lake.path(MANIFESTS), allow_not_found=True))
    names = manifest_names(infos)
    current = lake.manifest()
    kept = [n for n in names if int(n[:8]) > current.version - keep]
    referenced: set[str] = set()
    for name in kept:
        data = json.loads(lake._read_text(f"{MANIFESTS}/{name}"))
        for files in data["tables"].values():
            referenced.update(files)
    for name in names:
        if name not in kept:
            fs.delete_file(lake.path(f"{MANIFESTS}/{name}"))
    for info in infos:
        if ".tmp-" in info.base_name:
            fs.delete_file(info.path)
    for table in TABLES:
        selector = pafs.FileSelector(lake.path(table), recursive=True, allow_not_found=True)
        for info in fs.get_file_info(selector):
            if info.type != pafs.FileType.File:
                continue
            relative = info.path[len(lake.root) + 1 :].replace(os.sep, "/")
            if relative not in referenced:
                fs.delete_file(info.path)
                deleted += 1
    return deleted
