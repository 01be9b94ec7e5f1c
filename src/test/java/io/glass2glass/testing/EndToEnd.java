package io.glass2glass.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Marks a test class that runs real parts of the chain together: encoders, publishers, Debian's
 * ffmpeg, a forked Gatling, the pipeline. They take seconds to a minute each and are most of the
 * suite's time; {@code mvn test -DexcludedGroups=end-to-end} runs the fast set without them.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(EndToEnd.TAG)
public @interface EndToEnd {
    String TAG = "end-to-end";
}
