package io.webpaas.server.runtime;

import java.nio.file.Path;
import java.util.List;

/** An app's directory on the runtime host and its writable mount directories inside it. */
record AppHome(Path dir, List<Path> mounts) {
}
