package dev.sesops.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads the config document from a local file (SES_OPS_CONFIG_FILE). */
public final class FileConfigSource implements ConfigSource {
  private final Path file;

  public FileConfigSource(Path file) {
    this.file = file;
  }

  @Override
  public SesOpsConfig load() {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException("config file " + file + " does not exist (SES_OPS_CONFIG_FILE)", e);
    } catch (IOException e) {
      throw new ConfigException(
          "config file " + file + " cannot be read: " + e.getClass().getSimpleName(), e);
    }
    return ConfigParser.parse(text);
  }

  @Override
  public String describe() {
    return "file " + file;
  }
}
