package io.glass2glass.rtmp.message;

import io.glass2glass.rtmp.amf.Amf0Number;
import io.glass2glass.rtmp.amf.Amf0Object;
import io.glass2glass.rtmp.amf.Amf0String;
import io.glass2glass.rtmp.amf.Amf0Value;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * AMF0 command message (type 20, RTMP spec 1.0 §7.1.1, §7.2): a command name, a transaction id,
 * a command object ({@code null} when the sender wrote no value at all) and optional arguments.
 * {@link #command()} gives the typed view of the commands a publisher sends.
 */
public record CommandMessage(int messageStreamId, String name, double transactionId, Amf0Value commandObject,
                             List<Amf0Value> arguments) implements Message {

    public static final int TYPE_ID = 20;
    /** Type id of the AMF3 variant (§7.1.1); its body is a 0x00 format byte followed by AMF0. */
    public static final int AMF3_TYPE_ID = 17;

    public CommandMessage {
        Objects.requireNonNull(name, "name");
        arguments = List.copyOf(arguments);
    }

    /** The typed view of this command; {@link Command.Other} for names a publish session does not act on. */
    public Command command() {
        return switch (name) {
            case Command.Connect.NAME -> commandObject instanceof Amf0Object o
                    ? new Command.Connect(o.string("app").orElse(""), o.string("tcUrl").orElse(""),
                            o.string("flashVer").orElse(""), o.number("objectEncoding").orElse(0.0))
                    : new Command.Other(name);
            case Command.ReleaseStream.NAME -> new Command.ReleaseStream(stringArgument(0).orElse(""));
            case Command.FcPublish.NAME -> new Command.FcPublish(stringArgument(0).orElse(""));
            case Command.CreateStream.NAME -> new Command.CreateStream();
            case Command.Publish.NAME -> new Command.Publish(stringArgument(0).orElse(""),
                    stringArgument(1).flatMap(PublishType::fromWireName).orElse(PublishType.LIVE));
            case Command.FcUnpublish.NAME -> new Command.FcUnpublish(stringArgument(0).orElse(""));
            case Command.DeleteStream.NAME -> new Command.DeleteStream(
                    numberArgument(0).map(Double::intValue).orElse(messageStreamId));
            case Command.CloseStream.NAME -> new Command.CloseStream();
            default -> new Command.Other(name);
        };
    }

    private Optional<String> stringArgument(int index) {
        return index < arguments.size() && arguments.get(index) instanceof Amf0String s
                ? Optional.of(s.value()) : Optional.empty();
    }

    private Optional<Double> numberArgument(int index) {
        return index < arguments.size() && arguments.get(index) instanceof Amf0Number n
                ? Optional.of(n.value()) : Optional.empty();
    }
}
