// Prints the words of a Morfologik speller dictionary (LanguageTool's en_US.dict, ...), one a line.
// Run by bench/make_languagetool_words.py with LanguageTool's own jars on the class path:
//   java -cp 'LT/libs/*' bench/DumpMorfologik.java en_US.dict > en_US.txt
import java.io.BufferedOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import morfologik.stemming.Dictionary;

public class DumpMorfologik {
  public static void main(String[] args) throws Exception {
    Dictionary dict = Dictionary.read(Paths.get(args[0]));
    byte separator = dict.metadata.getSeparator();  // each entry is the word, the separator, its frequency class
    PrintStream out = new PrintStream(new BufferedOutputStream(System.out), false, "UTF-8");
    for (ByteBuffer entry : dict.fsa) {
      byte[] b = new byte[entry.remaining()];
      entry.get(b);
      int end = 0;
      while (end < b.length && b[end] != separator) end++;
      out.println(new String(b, 0, end, StandardCharsets.UTF_8));
    }
    out.flush();
  }
}
