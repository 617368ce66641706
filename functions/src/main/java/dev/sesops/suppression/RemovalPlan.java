package dev.sesops.suppression;

import dev.sesops.common.AddressMask;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The entries a run will remove, streamed to local files while the list is read, so memory stays
 * flat in the size of the list: the trail (every field a restore needs) and the import-job sources
 * (at most {@code chunkSize} records each). Both are written from the same entries in the same
 * order, so nothing can be removed that is not in the trail.
 */
final class RemovalPlan implements AutoCloseable {
  private final Path dir;
  private final int chunkSize;
  private final int sampleSize;
  private final BufferedWriter trail;
  private final Path trailFile;
  private final List<Chunk> chunks = new ArrayList<>();
  private final List<PlannedRemoval> sample = new ArrayList<>();
  private BufferedWriter chunkWriter;
  private long inChunk;
  private long size;

  /**
   * One import-job source file: its records are trail lines {@code firstLine} to {@code firstLine +
   * records - 1}.
   */
  record Chunk(Path file, long records, long firstLine) {}

  RemovalPlan(Path dir, int chunkSize, int sampleSize) {
    this.dir = dir;
    this.chunkSize = chunkSize;
    this.sampleSize = sampleSize;
    this.trailFile = dir.resolve("trail.jsonl");
    try {
      this.trail = Files.newBufferedWriter(trailFile, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Adds one entry to the trail and to the current import source. */
  void add(TrailEntry e) {
    try {
      trail.write(TrailFormat.line(e));
      trail.write('\n');
      if (chunkWriter == null || inChunk == chunkSize) {
        startChunk();
      }
      chunkWriter.write(TrailFormat.importLine(e.emailAddress(), e.reason()));
      chunkWriter.write('\n');
      inChunk++;
      size++;
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    if (sample.size() < sampleSize) {
      sample.add(
          new PlannedRemoval(AddressMask.mask(e.emailAddress()), e.reason(), e.lastUpdateTime()));
    }
  }

  private void startChunk() throws IOException {
    finishChunk();
    Path f = dir.resolve(String.format("chunk-%04d.jsonl", chunks.size() + 1));
    chunkWriter = Files.newBufferedWriter(f, StandardCharsets.UTF_8);
    chunks.add(new Chunk(f, 0, size + 1));
    inChunk = 0;
  }

  private void finishChunk() throws IOException {
    if (chunkWriter != null) {
      chunkWriter.close();
      Chunk last = chunks.get(chunks.size() - 1);
      chunks.set(chunks.size() - 1, new Chunk(last.file(), inChunk, last.firstLine()));
      chunkWriter = null;
    }
  }

  long size() {
    return size;
  }

  Path trailFile() {
    return trailFile;
  }

  /** The import sources; call after {@link #close()}. */
  List<Chunk> chunks() {
    return List.copyOf(chunks);
  }

  List<PlannedRemoval> sample() {
    return List.copyOf(sample);
  }

  @Override
  public void close() {
    try {
      trail.close();
      finishChunk();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
