package dev.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

class ContentSecurityPolicyTests {

    @Test
    void theServedPageHasExactlyOneInlineScriptTheImportMapAndThePolicyNamesItsHash() throws Exception {
        var page = new ClassPathResource(SecurityHeaders.PAGE).getContentAsString(StandardCharsets.UTF_8);
        var start = page.indexOf("<script type=\"importmap\">") + "<script type=\"importmap\">".length();
        var importMap = page.substring(start, page.indexOf("</script>", start));
        var expected = "sha256-"
                + Base64.getEncoder()
                        .encodeToString(MessageDigest.getInstance("SHA-256")
                                .digest(importMap.getBytes(StandardCharsets.UTF_8)));

        assertThat(ContentSecurityPolicy.inlineScriptHashes(page)).containsExactly(expected);
        assertThat(new SecurityHeaders().policy())
                .contains("script-src 'self' '" + expected + "';")
                .doesNotContain("unsafe-inline");
    }

    @Test
    void scriptsWithASourceAreNotHashedAndAPageWithoutInlineScriptsAllowsOnlyThisServer() {
        var page = "<script type=\"module\" src=\"/js/main.js\"></script>";
        assertThat(ContentSecurityPolicy.inlineScriptHashes(page)).isEmpty();
        assertThat(ContentSecurityPolicy.forPage(page))
                .startsWith("default-src 'self'; script-src 'self'; ")
                .contains("object-src 'none'")
                .contains("frame-ancestors 'none'");
    }
}
