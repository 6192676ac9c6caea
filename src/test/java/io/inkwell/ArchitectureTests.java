package io.inkwell;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package layout the house rules ask for, checked on the application's classes: one
 * package per feature, infrastructure in its own packages. Feature packages are not
 * listed here: every package directly under {@code io.inkwell} that is not infrastructure
 * is one, so a new feature is covered without touching this test.
 */
@AnalyzeClasses(packages = "io.inkwell", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	private static final String ROOT = "io.inkwell.";

	/** Packages that serve every feature rather than being one. */
	private static final Set<String> INFRASTRUCTURE = Set.of("db", "web", "ops", "security", "netty", "migrate", "docs",
			"idempotency", "fastpath");

	/** Infrastructure that knows no feature at all. */
	private static final List<String> FEATURE_FREE = List.of("web", "db", "ops");

	@ArchTest
	static void packagesDoNotDependOnEachOtherInACycle(JavaClasses classes) {
		slices().matching("io.inkwell.(*)..").should().beFreeOfCycles().check(classes);
	}

	@ArchTest
	static void noFeatureUsesAnotherFeaturesRepository(JavaClasses classes) {
		classes().that()
			.resideInAnyPackage(packagePatterns(features(classes)))
			.should(new ArchCondition<>("use no other feature's *Repository") {
				@Override
				public void check(JavaClass origin, ConditionEvents events) {
					for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
						JavaClass target = dependency.getTargetClass().getBaseComponentType();
						String targetPackage = topPackage(target);
						if (target.getSimpleName().endsWith("Repository") && targetPackage != null
								&& !targetPackage.equals(topPackage(origin))) {
							events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
						}
					}
				}
			})
			.check(classes);
	}

	@ArchTest
	static void webDbAndOpsKnowNoFeature(JavaClasses classes) {
		noClasses().that()
			.resideInAnyPackage(packagePatterns(FEATURE_FREE))
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(packagePatterns(features(classes)))
			.check(classes);
	}

	/** Every package directly under {@code io.inkwell} that is not infrastructure. */
	private static Set<String> features(JavaClasses classes) {
		Set<String> features = new TreeSet<>();
		for (JavaClass type : classes) {
			String top = topPackage(type);
			if (top != null && !INFRASTRUCTURE.contains(top)) {
				features.add(top);
			}
		}
		return features;
	}

	/** The package directly under {@code io.inkwell} that holds the class, or null. */
	private static String topPackage(JavaClass type) {
		String name = type.getPackageName();
		if (!name.startsWith(ROOT)) {
			return null;
		}
		int dot = name.indexOf('.', ROOT.length());
		return (dot < 0) ? name.substring(ROOT.length()) : name.substring(ROOT.length(), dot);
	}

	private static String[] packagePatterns(java.util.Collection<String> packages) {
		return packages.stream().map((name) -> ROOT + name + "..").toArray(String[]::new);
	}

}
