package org.vici4j.client.internal;

import java.time.Duration;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDomainSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * The Netty event loop group and channel types of a client: native epoll when
 * {@code netty-transport-native-epoll} is on the class path and usable, otherwise NIO (unix domain
 * sockets through the JDK's {@code UnixDomainSocketAddress}, Java 16+).
 */
public final class Transport implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Transport.class);

    /** System property to force the NIO transport: {@code -Dvici4j.transport=nio}. */
    public static final String TRANSPORT_PROPERTY = "vici4j.transport";

    private final EventLoopGroup group;
    private final boolean nativeEpoll;

    private Transport(EventLoopGroup group, boolean nativeEpoll) {
        this.group = group;
        this.nativeEpoll = nativeEpoll;
    }

    /**
     * Creates a transport with one I/O thread.
     *
     * @param threadNamePrefix prefix of the I/O thread's name
     * @param preferNative whether to use epoll when it is available
     */
    public static Transport create(String threadNamePrefix, boolean preferNative) {
        ThreadFactory threads = daemonThreads(threadNamePrefix + "-io");
        boolean wantNative = preferNative && !"nio".equalsIgnoreCase(System.getProperty(TRANSPORT_PROPERTY));
        if (wantNative && EpollSupport.available()) {
            LOG.debug("using the native epoll transport");
            return new Transport(EpollSupport.newGroup(threads), true);
        }
        LOG.debug("using the NIO transport");
        return new Transport(new MultiThreadIoEventLoopGroup(1, threads, NioIoHandler.newFactory()), false);
    }

    /** @return whether the native epoll transport is used */
    public boolean isNative() {
        return nativeEpoll;
    }

    /** Starts connecting a channel to {@code uri} with {@code handler} as its initializer. */
    public ChannelFuture connect(ViciUri uri, Duration connectTimeout, ChannelHandler handler) {
        Bootstrap b = new Bootstrap().group(group).handler(handler)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
        if (nativeEpoll) {
            EpollSupport.configure(b, uri.isUnix());
            return b.connect(uri.isUnix() ? EpollSupport.domainAddress(uri.socketPath()) : uri.address());
        }
        if (uri.isUnix()) {
            b.channel(NioDomainSocketChannel.class);
        } else {
            b.channel(NioSocketChannel.class);
        }
        return b.connect(uri.address());
    }

    /** @return a daemon thread factory whose threads are named {@code prefix-N} */
    public static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    }

    /**
     * Reaches the optional epoll transport by reflection: netty-transport-native-epoll is an optional
     * runtime dependency, so the client compiles and runs without it and then uses NIO.
     */
    private static final class EpollSupport {
        private static final String PKG = "io.netty.channel.epoll.";

        static boolean available() {
            try {
                Class<?> epoll = Class.forName(PKG + "Epoll", true, Transport.class.getClassLoader());
                boolean ok = (Boolean) epoll.getMethod("isAvailable").invoke(null);
                if (!ok) {
                    LOG.debug("native epoll transport unavailable ({}), using NIO",
                            String.valueOf(epoll.getMethod("unavailabilityCause").invoke(null)));
                }
                return ok;
            } catch (ClassNotFoundException | LinkageError e) {
                LOG.debug("native epoll transport not on the class path, using NIO");
                return false;
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.debug("native epoll transport unusable ({}), using NIO", e.toString());
                return false;
            }
        }

        static EventLoopGroup newGroup(ThreadFactory threads) {
            try {
                IoHandlerFactory factory = (IoHandlerFactory) Class.forName(PKG + "EpollIoHandler", true,
                        Transport.class.getClassLoader()).getMethod("newFactory").invoke(null);
                return new MultiThreadIoEventLoopGroup(1, threads, factory);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("epoll reported available but cannot be used", e);
            }
        }

        @SuppressWarnings("unchecked")
        static void configure(Bootstrap b, boolean unix) {
            try {
                b.channel((Class<? extends Channel>) Class.forName(
                        PKG + (unix ? "EpollDomainSocketChannel" : "EpollSocketChannel"), true,
                        Transport.class.getClassLoader()));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("epoll reported available but its channel class is missing", e);
            }
        }

        static java.net.SocketAddress domainAddress(java.nio.file.Path path) {
            return new io.netty.channel.unix.DomainSocketAddress(path.toString());
        }
    }

    /** @return the channel's human-readable kind, for logs */
    static String kind(Channel channel) {
        return channel.getClass().getSimpleName();
    }
}
