/**
 * The browser client's delivery: the static single-page app under {@code classpath:static} and the
 * headers that protect it, above all a Content-Security-Policy that allows no inline script but the
 * page's import map, which it names by hash. Owns no tables and depends on no other feature.
 */
@NullMarked
package dev.parley.web;

import org.jspecify.annotations.NullMarked;
