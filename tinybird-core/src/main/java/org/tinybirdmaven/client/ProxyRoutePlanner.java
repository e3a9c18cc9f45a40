package org.tinybirdmaven.client;

import org.apache.hc.client5.http.impl.DefaultSchemePortResolver;
import org.apache.hc.client5.http.impl.routing.DefaultRoutePlanner;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.protocol.HttpContext;

/** Sends requests through the configured proxy, except to the hosts it bypasses. */
final class ProxyRoutePlanner extends DefaultRoutePlanner {

    private final ProxyConfig proxy;
    private final HttpHost proxyHost;

    ProxyRoutePlanner(ProxyConfig proxy) {
        super(DefaultSchemePortResolver.INSTANCE);
        this.proxy = proxy;
        this.proxyHost = new HttpHost(proxy.host(), proxy.port());
    }

    @Override
    protected HttpHost determineProxy(HttpHost target, HttpContext context) {
        return proxy.bypasses(target.getHostName()) ? null : proxyHost;
    }
}
