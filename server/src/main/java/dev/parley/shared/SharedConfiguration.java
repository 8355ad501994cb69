package dev.parley.shared;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SharedConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * The data source of an embedded H2 file database, as an {@link EmbeddedStore} that closes the database when the
     * pool closes ({@link EmbeddedStore#url}); any other as it is.
     */
    @Bean
    static BeanPostProcessor embeddedStore() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null) {
                    var file = EmbeddedStore.file(pool.getJdbcUrl());
                    if (file.isPresent()) {
                        pool.setJdbcUrl(EmbeddedStore.url(pool.getJdbcUrl())); // before the pool's first connection
                        return new EmbeddedStore(pool, file.get());
                    }
                }
                return bean;
            }
        };
    }

    @Bean
    Ids ids(Clock clock, @Value("${parley.node-id:0}") int node) {
        return new Ids(clock, node);
    }
}
