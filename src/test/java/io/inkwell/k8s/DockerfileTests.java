package io.inkwell.k8s;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.Container;
import io.inkwell.k8s.Dockerfile.Instruction;
import io.inkwell.k8s.Dockerfile.Stage;
import io.inkwell.k8s.Overlay.AppContainer;
import io.inkwell.k8s.Overlay.Workload;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The image definition agrees with itself, with the application and with the manifests.
 */
class DockerfileTests {

	@Test
	void buildsWithTheMavenWrapperOnAJdkAndRunsOnAJre() {
		Dockerfile dockerfile = Dockerfile.read();
		assertThat(dockerfile.stages()).hasSizeGreaterThanOrEqualTo(2);
		Stage build = dockerfile.stages().get(0);
		assertThat(build.from()).contains("-jdk").endsWith(" AS build");
		assertThat(build.all("RUN")).anySatisfy((run) -> assertThat(run.arguments()).contains("./mvnw", " package"));
		assertThat(dockerfile.runtime().from()).contains("-jre").doesNotContain(" AS ");
	}

	@Test
	void copiesSpringBootLayersLeastChangedFirst() {
		Dockerfile dockerfile = Dockerfile.read();
		assertThat(dockerfile.stages().get(0).all("RUN"))
			.anySatisfy((run) -> assertThat(run.arguments()).contains("-Djarmode=tools", "extract --layers"));
		List<String> layers = new ArrayList<>();
		Pattern layer = Pattern.compile("--from=build \\S*/extracted/([a-z-]+)/ \\./");
		for (Instruction copy : dockerfile.runtime().all("COPY")) {
			Matcher matcher = layer.matcher(copy.arguments());
			if (matcher.matches()) {
				layers.add(matcher.group(1));
			}
		}
		// Spring Boot's default layer order (layers.idx)
		assertThat(layers).containsExactly("dependencies", "spring-boot-loader", "snapshot-dependencies",
				"application");
	}

	@Test
	void runsAsTheNonRootUserThePodsDeclare() {
		String user = Dockerfile.read().runtime().last("USER").arguments();
		assertThat(user).as("numeric, so that runAsNonRoot can verify it").matches("[1-9][0-9]*:[1-9][0-9]*");
		long uid = Long.parseLong(user.substring(0, user.indexOf(':')));
		long gid = Long.parseLong(user.substring(user.indexOf(':') + 1));
		for (String name : Overlay.names()) {
			for (AppContainer app : Overlay.render(name).appContainers()) {
				var pod = app.workload().pod().getSecurityContext();
				assertThat(pod.getRunAsUser()).as(name + " " + app.name()).isEqualTo(uid);
				assertThat(pod.getRunAsGroup()).as(name + " " + app.name()).isEqualTo(gid);
			}
		}
	}

	@Test
	void exposesThePortTheApplicationListensOn() {
		assertThat(Dockerfile.read().runtime().last("EXPOSE").arguments())
			.isEqualTo(String.valueOf(ApplicationContract.defaultPort()));
	}

	@Test
	void startsTheApplicationJarWhichTheMigrateContainersRunWithMigrate() {
		Stage runtime = Dockerfile.read().runtime();
		List<String> entrypoint = runtime.last("ENTRYPOINT").execForm();
		assertThat(entrypoint).hasSize(3).startsWith("java", "-jar");
		assertThat(entrypoint.get(2)).startsWith(runtime.last("WORKDIR").arguments() + "/").endsWith(".jar");
		List<String> migrate = new ArrayList<>(entrypoint);
		migrate.add("migrate");
		for (String name : Overlay.names()) {
			Overlay overlay = Overlay.render(name);
			Container server = overlay.serverContainer();
			assertThat(server.getCommand()).as("the server runs the image's entrypoint").isNullOrEmpty();
			assertThat(server.getArgs()).isNullOrEmpty();
			List<AppContainer> migrations = overlay.appContainers().stream().filter(AppContainer::migrates).toList();
			assertThat(migrations).isNotEmpty();
			migrations.forEach(
					(app) -> assertThat(app.container().getCommand()).as(name + " " + app.name()).isEqualTo(migrate));
		}
	}

	@Test
	void sizesTheHeapFromTheContainerMemoryLimit() {
		List<Instruction> env = Dockerfile.read().runtime().all("ENV");
		assertThat(env).anySatisfy((instruction) -> assertThat(instruction.arguments()).startsWith("JAVA_TOOL_OPTIONS=")
			.containsPattern("-XX:MaxRAMPercentage=[1-7][0-9]\\b")
			.contains("-XX:+ExitOnOutOfMemoryError"));
		for (String name : Overlay.names()) {
			for (Workload workload : Overlay.render(name).workloads()) {
				workload.allContainers()
					.forEach((container) -> assertThat(container.getResources().getLimits())
						.as(name + " " + workload.name())
						.containsKey("memory"));
			}
		}
	}

	/**
	 * What the server needs beside its heap with 8,000 open connections (metaspace, code
	 * cache, GC structures, thread stacks, Netty's buffers): peak RSS minus the heap, 248
	 * to 256 MiB in src/bench/overload.sh runs at 50 % and 75 % of a 768 MiB container.
	 */
	private static final long NON_HEAP_AT_8000_CONNECTIONS = 256L * 1024 * 1024;

	@Test
	void leavesRoomBesideTheHeapForEightThousandConnections() {
		Matcher percentage = Pattern.compile("-XX:MaxRAMPercentage=(\\d+)")
			.matcher(Dockerfile.read()
				.runtime()
				.all("ENV")
				.stream()
				.map(Instruction::arguments)
				.filter((arguments) -> arguments.startsWith("JAVA_TOOL_OPTIONS="))
				.findFirst()
				.orElseThrow());
		assertThat(percentage.find()).isTrue();
		int heapPercent = Integer.parseInt(percentage.group(1));
		for (String name : Overlay.names()) {
			for (AppContainer server : Overlay.render(name)
				.appContainers()
				.stream()
				.filter((app) -> !app.migrates())
				.toList()) {
				long limit = server.container()
					.getResources()
					.getLimits()
					.get("memory")
					.getNumericalAmount()
					.longValueExact();
				assertThat(limit - limit * heapPercent / 100)
					.as("%s %s: memory limit %d MiB, heap %d %%", name, server.name(), limit >> 20, heapPercent)
					.isGreaterThanOrEqualTo(NON_HEAP_AT_8000_CONNECTIONS);
			}
		}
	}

	@Test
	void keepsTheBuildContextToWhatTheBuildCopies() throws Exception {
		List<String> ignore = Files.readAllLines(Path.of(".dockerignore"))
			.stream()
			.map(String::strip)
			.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
			.toList();
		assertThat(ignore).first().isEqualTo("*");
		Stage build = Dockerfile.read().stages().get(0);
		for (Instruction copy : build.all("COPY")) {
			String[] words = copy.arguments().split("\\s+");
			for (int i = 0; i < words.length - 1; i++) {
				String source = words[i];
				boolean included = ignore.stream()
					.anyMatch((line) -> line.equals("!" + source)
							|| (line.startsWith("!" + source) && Files.isRegularFile(Path.of(line.substring(1)))));
				assertThat(included).as(".dockerignore lets %s into the build context", source).isTrue();
				assertThat(Path.of(source)).exists();
			}
		}
	}

}
