package io.github.modelrouter.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The hosts a proxy taken from {@code router.proxy} or the environment is not used for, from
 * {@code NO_PROXY}/{@code no_proxy}: comma- (or space-) separated entries, each {@code *} (every
 * host), a domain ({@code example.com} or {@code .example.com}: that host and every host under
 * it), an IP address, or a CIDR block ({@code 10.0.0.0/8}); any entry may end in {@code :port} to
 * apply to that port only. Matching is on the upstream URL's host as written: no DNS lookups.
 *
 * @param entries the entries, trimmed and lower-cased
 */
public record NoProxy(List<String> entries) {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    /** Nothing is bypassed. */
    public static final NoProxy NONE = new NoProxy(List.of());

    public NoProxy {
        entries = List.copyOf(entries);
    }

    /** The entries of a {@code NO_PROXY} value; blank gives {@link #NONE}. */
    public static NoProxy parse(String value) {
        if (value == null || value.isBlank()) {
            return NONE;
        }
        List<String> entries = new ArrayList<>();
        for (String entry : value.split("[,\\s]+")) {
            if (!entry.isBlank()) {
                entries.add(entry.trim().toLowerCase(Locale.ROOT));
            }
        }
        return new NoProxy(entries);
    }

    /** Whether a request to {@code host} on {@code port} goes direct. */
    public boolean bypasses(String host, int port) {
        String target = unbracket(host.toLowerCase(Locale.ROOT));
        if (target.endsWith(".")) {
            target = target.substring(0, target.length() - 1);
        }
        for (String entry : entries) {
            if (matches(entry, target, port)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(String entry, String host, int port) {
        if (entry.equals("*")) {
            return true;
        }
        String pattern = entry;
        int portSplit = portSeparator(pattern);
        if (portSplit >= 0) {
            String portText = pattern.substring(portSplit + 1);
            pattern = pattern.substring(0, portSplit);
            if (!portText.equals(Integer.toString(port))) {
                return false;
            }
        }
        pattern = unbracket(pattern);
        if (pattern.contains("/")) {
            return inCidr(pattern, host);
        }
        if (isIpLiteral(pattern) || isIpLiteral(host)) {
            return sameAddress(pattern, host);
        }
        String domain = pattern.startsWith("*.") ? pattern.substring(2)
                : pattern.startsWith(".") ? pattern.substring(1) : pattern;
        if (domain.endsWith(".")) {
            domain = domain.substring(0, domain.length() - 1);
        }
        return !domain.isEmpty() && (host.equals(domain) || host.endsWith("." + domain));
    }

    /** Index of the {@code :} before a port, or -1 (IPv6 literals are only taken with brackets). */
    private static int portSeparator(String entry) {
        if (entry.startsWith("[")) {
            int close = entry.indexOf(']');
            return close >= 0 && entry.length() > close + 1 && entry.charAt(close + 1) == ':' ? close + 1 : -1;
        }
        int colon = entry.lastIndexOf(':');
        return colon >= 0 && entry.indexOf(':') == colon ? colon : -1;
    }

    private static String unbracket(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static boolean isIpLiteral(String text) {
        if (IPV4.matcher(text).matches()) {
            // 999.1.1.1 is no address, and InetAddress would look it up in DNS
            return java.util.Arrays.stream(text.split("\\.")).allMatch(octet -> Integer.parseInt(octet) <= 255);
        }
        return text.contains(":");
    }

    private static boolean sameAddress(String a, String b) {
        byte[] left = literal(a);
        byte[] right = literal(b);
        return left != null && right != null && java.util.Arrays.equals(left, right);
    }

    private static boolean inCidr(String cidr, String host) {
        int slash = cidr.indexOf('/');
        byte[] network = literal(cidr.substring(0, slash));
        byte[] address = literal(host);
        int bits;
        try {
            bits = Integer.parseInt(cidr.substring(slash + 1));
        } catch (NumberFormatException e) {
            return false;
        }
        if (network == null || address == null || network.length != address.length
                || bits < 0 || bits > network.length * 8) {
            return false;
        }
        for (int i = 0; i < bits; i++) {
            int mask = 0x80 >>> (i % 8);
            if ((network[i / 8] & mask) != (address[i / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    /** The bytes of an IP literal, or null for anything else (never a DNS lookup). */
    private static byte[] literal(String text) {
        if (!isIpLiteral(text)) {
            return null;
        }
        try {
            // for a literal (digits and dots, or containing a colon) getByName does not resolve
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
    }
}
