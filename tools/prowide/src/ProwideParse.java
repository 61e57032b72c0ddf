import com.google.gson.Gson;
import com.prowidesoftware.swift.io.RJEReader;
import com.prowidesoftware.swift.model.field.*;
import com.prowidesoftware.swift.model.mt.mt1xx.MT103;
import java.io.*;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.text.SimpleDateFormat;
import java.util.*;

/**
 * Differential reference for `npm run bench -- parse-vs-prowide` (issue 21): reads an RJE corpus
 * with prowide-core (pw-swift-core SRU2025) and prints, per MT103, one JSON line with the fields
 * the hub's canonical remittance carries, in the same normalised form the bench compares; then one
 * `READY` line after one warm-up pass; then, for each `round` line on stdin, one `TIMING {...}` line:
 * the corpus parsed message by message (MT103.parse + field reads) and as whole files (RJEReader),
 * single thread, wall and process CPU time.
 *
 *   java -cp '.local/prowide/libs/*:.local/prowide/classes' ProwideParse corpus.rje out.jsonl [messages per file]
 */
public class ProwideParse {
  public static void main(String[] args) throws Exception {
    String text = new String(Files.readAllBytes(Paths.get(args[0])), StandardCharsets.ISO_8859_1);
    List<String> messages = split(text);
    Gson gson = new Gson();
    try (Writer out = new BufferedWriter(new OutputStreamWriter(new FileOutputStream(args[1]), StandardCharsets.UTF_8))) {
      for (int i = 0; i < messages.size(); i++) {
        Map<String, Object> row = read(messages.get(i));
        row.put("i", i);
        out.write(gson.toJson(row));
        out.write('\n');
      }
    }
    // Timing: warm-up once (per message and per file), then one round per `round` line read from
    // stdin, so that the bench can interleave our rounds with its own (the machine is shared and
    // noisy): `TIMING {...}` per round, wall and process CPU time (all threads: GC and JIT too).
    int fileMessages = args.length > 2 ? Integer.parseInt(args[2]) : 10000;
    List<String> files = new ArrayList<>();
    for (int i = 0; i < messages.size(); i += fileMessages) files.add(String.join("\r\n$\r\n", messages.subList(i, Math.min(messages.size(), i + fileMessages))));
    long sink = 0;
    for (String m : messages) sink += read(m).size();
    for (String f : files) for (String m : split(f)) sink += read(m).size();
    com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    System.out.println("READY");
    System.out.flush();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String command = in.readLine(); command != null && command.equals("round"); command = in.readLine()) {
      long c0 = os.getProcessCpuTime();
      long t0 = System.nanoTime();
      for (String m : messages) sink += read(m).size();
      long perMessageNs = System.nanoTime() - t0;
      long perMessageCpuNs = os.getProcessCpuTime() - c0;
      long c1 = os.getProcessCpuTime();
      long t1 = System.nanoTime();
      for (String f : files) for (String m : split(f)) sink += read(m).size();
      long perFileNs = System.nanoTime() - t1;
      long perFileCpuNs = os.getProcessCpuTime() - c1;
      Runtime rt = Runtime.getRuntime();
      Map<String, Object> timing = new LinkedHashMap<>();
      timing.put("messages", messages.size());
      timing.put("perMessageNs", perMessageNs);
      timing.put("perMessageCpuNs", perMessageCpuNs);
      timing.put("perFileNs", perFileNs);
      timing.put("perFileCpuNs", perFileCpuNs);
      timing.put("heapUsedBytes", rt.totalMemory() - rt.freeMemory());
      timing.put("sink", sink);
      System.out.println("TIMING " + gson.toJson(timing));
      System.out.flush();
    }
  }

  static List<String> split(String text) {
    List<String> out = new ArrayList<>();
    RJEReader reader = new RJEReader(text);
    while (reader.hasNext()) {
      String m = reader.next();
      if (m != null && !m.trim().isEmpty()) out.add(m);
    }
    return out;
  }

  static String amount(String swift) {
    if (swift == null) return null;
    return new BigDecimal(swift.replace(',', '.')).stripTrailingZeros().toPlainString();
  }

  static String lower(String s) {
    return s == null ? null : s.toLowerCase(Locale.ROOT);
  }

  static String firstLineAccount(String value) {
    if (value == null) return null;
    String first = value.split("\r?\n", -1)[0];
    return first.startsWith("/") ? first.substring(1) : null;
  }

  static Map<String, Object> read(String text) {
    Map<String, Object> row = new LinkedHashMap<>();
    MT103 mt;
    try {
      mt = MT103.parse(text);
    } catch (Exception e) {
      row.put("error", String.valueOf(e));
      return row;
    }
    if (mt == null || mt.getSwiftMessage() == null) {
      row.put("error", "not parsed");
      return row;
    }
    try {
      row.put("ref", mt.getField20() == null ? null : mt.getField20().getValue());
      Field32A f32 = mt.getField32A();
      if (f32 != null) {
        Calendar d = f32.getDateAsCalendar();
        row.put("valueDate", d == null ? null : new SimpleDateFormat("yyyy-MM-dd").format(d.getTime()));
        row.put("currency", f32.getCurrency());
        row.put("amount", amount(f32.getAmount()));
      }
      Field33B f33 = mt.getField33B();
      row.put("instructed", f33 == null ? null : f33.getCurrency() + " " + amount(f33.getAmount()));
      row.put("chargeBearer", mt.getField71A() == null ? null : mt.getField71A().getValue());
      List<String> charges = new ArrayList<>();
      for (Field71F f : mt.getField71F()) charges.add(f.getCurrency() + " " + amount(f.getAmount()));
      row.put("charges", charges);
      row.put("uetr", lower(mt.getSwiftMessage().getUETR()));
      String payerAccount = null, payerIdentifier = null, payerBic = null;
      if (mt.getField50A() != null) {
        payerAccount = mt.getField50A().getAccount();
        payerBic = mt.getField50A().getIdentifierCode();
      } else if (mt.getField50F() != null) {
        String id = mt.getField50F().getPartyIdentifier();
        if (id != null && id.startsWith("/")) payerAccount = id.substring(1);
        else payerIdentifier = id;
      } else if (mt.getField50K() != null) {
        payerAccount = firstLineAccount(mt.getField50K().getValue());
      }
      row.put("payerAccount", payerAccount);
      row.put("payerIdentifier", payerIdentifier);
      row.put("payerBic", payerBic);
      String beneficiaryAccount = null;
      if (mt.getField59() != null) beneficiaryAccount = mt.getField59().getAccount();
      else if (mt.getField59A() != null) beneficiaryAccount = mt.getField59A().getAccount();
      else if (mt.getField59F() != null) beneficiaryAccount = mt.getField59F().getAccount();
      row.put("beneficiaryAccount", beneficiaryAccount == null || beneficiaryAccount.isEmpty() ? null : beneficiaryAccount);
      row.put("orderingBic", mt.getField52A() == null ? null : mt.getField52A().getIdentifierCode());
      row.put("intermediaryBic", mt.getField56A() == null ? null : mt.getField56A().getIdentifierCode());
      row.put("accountWithBic", mt.getField57A() == null ? null : mt.getField57A().getIdentifierCode());
      List<String> codes = new ArrayList<>();
      Field70 f70 = mt.getField70();
      if (f70 != null) {
        for (StructuredNarrative s : f70.narrative().getStructured()) {
          for (String fragment : s.getNarrativeFragments()) codes.add(s.getCodeword() + ":" + fragment.trim());
        }
      }
      row.put("codes", codes);
    } catch (Exception e) {
      row.put("error", String.valueOf(e));
    }
    return row;
  }
}
