package io.maskstream.connectors.replay;

import io.maskstream.state.image.Images;
import io.maskstream.state.image.RgbImage;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/** The images of a folder (JPEG, PNG, BMP), in file-name order; it has no frame rate of its own. */
public final class ImageFolderSource implements FrameSource {
    private final Path folder;
    private final List<Path> files;
    private int next;

    public ImageFolderSource(Path folder) throws IOException {
        this.folder = folder;
        try (Stream<Path> s = Files.list(folder)) {
            this.files = s.filter(Files::isRegularFile)
                    .filter(p -> {
                        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                        return n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".png") || n.endsWith(".bmp");
                    })
                    .sorted()
                    .toList();
        }
        if (files.isEmpty()) {
            throw new IOException("no images (jpg, png, bmp) in " + folder);
        }
    }

    @Override
    public String description() {
        return folder.toString();
    }

    @Override
    public double fps() {
        return Double.NaN;
    }

    @Override
    public long frameCountHint() {
        return files.size();
    }

    @Override
    public boolean live() {
        return false;
    }

    @Override
    public RgbImage read() throws IOException {
        if (next >= files.size()) {
            return null;
        }
        Path file = files.get(next++);
        BufferedImage img = ImageIO.read(file.toFile());
        if (img == null) {
            throw new IOException("cannot decode image " + file);
        }
        return Images.toRgbImage(img);
    }

    @Override
    public void reopen() {
        next = 0;
    }

    @Override
    public void close() {}
}
