package dev.parley.media;

/**
 * Lets another feature allow users to read chat images they did not upload (for example the members of the
 * conversation the image was sent to). Every bean of this type is asked; one yes is enough. With no such bean only
 * the uploader may read a chat image.
 */
public interface ChatImageGrants {

    boolean mayRead(long userId, String mediaId);
}
